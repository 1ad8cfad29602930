//! Properties of `clean` over generated pages (proptest): the output fits
//! the JSON schema; every word of the body is a word of the input's text
//! (nothing is invented); no footnote's text is also in the body; cleaning
//! is deterministic. Pages are generated as HTML (random block and inline
//! wrappers, headings, lists, a notes section) and as raw page text, plus
//! arbitrary bytes and tag soup for the properties that hold of any input.
//! Case counts stay modest so `cargo test` stays fast.

mod common;

use std::collections::HashSet;
use std::sync::LazyLock;

use proptest::prelude::*;
use serde_json::Value;
use unchrome::{Config, InputFormat};

/// Cases per property for generated pages.
const PAGE_CASES: u32 = 64;
/// Cases per property for arbitrary bytes and tag soup.
const SOUP_CASES: u32 = 128;

static VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(common::schema_validator);

/// Words the generated prose is made of (with random ones mixed in).
const VOCABULARY: &[&str] = &[
    "the",
    "council",
    "voted",
    "to",
    "reopen",
    "harbour",
    "slipway",
    "after",
    "twelve",
    "years",
    "residents",
    "said",
    "ferry",
    "would",
    "return",
    "in",
    "spring",
    "engineers",
    "found",
    "cracks",
    "under",
    "old",
    "pier",
    "and",
    "a",
    "new",
    "survey",
    "was",
    "ordered",
    "by",
    "mayor",
    "who",
    "promised",
    "funding",
    "for",
    "repairs",
    "before",
    "summer",
    "season",
    "fishermen",
    "welcomed",
    "plan",
    "but",
    "warned",
    "of",
    "delays",
    "café",
    "über",
    "naïve",
    "東京",
    "市場",
    "москва",
    "2021",
    "14",
];

/// A word: from the vocabulary, or random letters.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(VOCABULARY).prop_map(str::to_string),
        1 => proptest::collection::vec(proptest::char::range('a', 'z'), 1..10)
            .prop_map(|c| c.into_iter().collect()),
    ]
}

/// A sentence of words, with a full stop.
fn sentence() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(word(), 3..25)
}

/// One generated block of the page.
#[derive(Clone, Debug)]
enum Piece {
    Paragraph(Vec<String>),
    Heading(u8, Vec<String>),
    List(Vec<Vec<String>>),
}

fn piece() -> impl Strategy<Value = Piece> {
    prop_oneof![
        6 => sentence().prop_map(Piece::Paragraph),
        1 => (1u8..=6, proptest::collection::vec(word(), 1..6))
            .prop_map(|(level, words)| Piece::Heading(level, words)),
        1 => proptest::collection::vec(sentence(), 1..5).prop_map(Piece::List),
    ]
}

/// A generated page: blocks, and notes cited from the first paragraph.
#[derive(Clone, Debug)]
struct Article {
    pieces: Vec<Piece>,
    notes: Vec<Vec<String>>,
    /// Wrappers of each piece (indexes into `WRAPPERS`).
    wrappers: Vec<usize>,
    /// Inline element around each paragraph's middle words (indexes into `INLINE`).
    inline: Vec<usize>,
}

/// Block wrappers a piece may be put in.
const WRAPPERS: &[(&str, &str)] = &[
    ("", ""),
    ("<div>", "</div>"),
    ("<div class=\"entry-content\">", "</div>"),
    ("<section><div>", "</div></section>"),
    ("<article>", "</article>"),
    ("<blockquote>", "</blockquote>"),
];

/// Inline elements around some words.
const INLINE: &[(&str, &str)] = &[
    ("", ""),
    ("<b>", "</b>"),
    ("<em>", "</em>"),
    ("<a href=\"/x\">", "</a>"),
    ("<span class=\"x\">", "</span>"),
];

fn article() -> impl Strategy<Value = Article> {
    (
        proptest::collection::vec(piece(), 1..12),
        proptest::collection::vec(sentence(), 0..4),
    )
        .prop_flat_map(|(pieces, notes)| {
            let n = pieces.len();
            (
                Just(pieces),
                Just(notes),
                proptest::collection::vec(0..WRAPPERS.len(), n),
                proptest::collection::vec(0..INLINE.len(), n),
            )
        })
        .prop_map(|(pieces, notes, wrappers, inline)| Article {
            pieces,
            notes,
            wrappers,
            inline,
        })
}

impl Article {
    /// The page as HTML; notes as an ordered list under a "Notes" heading.
    fn html(&self) -> String {
        let mut html =
            String::from("<!doctype html><html><head><title>A page</title></head><body>");
        for (i, piece) in self.pieces.iter().enumerate() {
            let (open, close) = WRAPPERS[self.wrappers[i]];
            html.push_str(open);
            match piece {
                Piece::Paragraph(words) => {
                    let (a, b) = INLINE[self.inline[i]];
                    let mid = words.len() / 2;
                    html.push_str(&format!(
                        "<p>{} {a}{}{b} {}.",
                        words[..mid].join(" "),
                        words[mid..mid + 1].join(" "),
                        words[mid + 1..].join(" ")
                    ));
                    if i == 0 {
                        for id in 1..=self.notes.len() {
                            html.push_str(&format!("<sup><a href=\"#fn{id}\">{id}</a></sup>"));
                        }
                    }
                    html.push_str("</p>");
                }
                Piece::Heading(level, words) => {
                    html.push_str(&format!("<h{level}>{}</h{level}>", words.join(" ")));
                }
                Piece::List(items) => {
                    html.push_str("<ul>");
                    for item in items {
                        html.push_str(&format!("<li>{}.</li>", item.join(" ")));
                    }
                    html.push_str("</ul>");
                }
            }
            html.push_str(close);
        }
        if !self.notes.is_empty() {
            html.push_str("<h2>Notes</h2><ol class=\"footnotes\">");
            for (i, note) in self.notes.iter().enumerate() {
                html.push_str(&format!("<li id=\"fn{}\">{}.</li>", i + 1, note.join(" ")));
            }
            html.push_str("</ol>");
        }
        html.push_str("</body></html>");
        html
    }

    /// The page as raw page text; notes as `[n] …` lines under "Notes".
    fn text(&self) -> String {
        let mut text = String::new();
        for (i, piece) in self.pieces.iter().enumerate() {
            match piece {
                Piece::Paragraph(words) => {
                    text.push_str(&format!("{}.", words.join(" ")));
                    if i == 0 {
                        for id in 1..=self.notes.len() {
                            text.push_str(&format!("[{id}]"));
                        }
                    }
                }
                Piece::Heading(_, words) => text.push_str(&words.join(" ")),
                Piece::List(items) => {
                    let lines: Vec<String> = items
                        .iter()
                        .map(|i| format!("• {}.", i.join(" ")))
                        .collect();
                    text.push_str(&lines.join("\n"));
                }
            }
            text.push_str("\n\n");
        }
        if !self.notes.is_empty() {
            text.push_str("Notes\n\n");
            for (i, note) in self.notes.iter().enumerate() {
                text.push_str(&format!("[{}] {}.\n", i + 1, note.join(" ")));
            }
        }
        text
    }

    /// Every word of the page's text, lower-cased, with the note numbers
    /// and the title.
    fn words(&self) -> HashSet<String> {
        let mut words: HashSet<String> = tokens(&self.text()).collect();
        words.extend(tokens("A page Notes"));
        words
    }
}

/// `\w+` tokens, lower-cased.
fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
}

fn clean(bytes: &[u8], format: InputFormat) -> Value {
    let config = Config {
        input_format: format,
        ..Config::default()
    };
    match unchrome::clean(bytes, &config) {
        Ok(page) => serde_json::to_value(page).expect("page serialises"),
        Err(e) => serde_json::json!({"error": e.kind.as_str()}),
    }
}

fn body_texts(page: &Value) -> Vec<String> {
    page["body"]
        .as_array()
        .map(|b| {
            b.iter()
                .filter_map(|b| b["text"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The properties every cleaned page has, whatever its input.
fn check_page(page: &Value) -> Result<(), TestCaseError> {
    if page.get("error").is_some() {
        return Ok(());
    }
    prop_assert!(
        VALIDATOR.is_valid(page),
        "not valid against the schema: {page}"
    );
    let body = body_texts(page);
    for note in page["footnotes"].as_array().into_iter().flatten() {
        let text = note["text"].as_str().unwrap_or_default();
        if tokens(text).count() >= 3 {
            prop_assert!(
                !body.iter().any(|b| b.contains(text)),
                "footnote text {text:?} is also in the body"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(PAGE_CASES))]

    #[test]
    fn html_pages_keep_only_their_own_words(article in article()) {
        let html = article.html();
        let page = clean(html.as_bytes(), InputFormat::Auto);
        check_page(&page)?;
        let words = article.words();
        for text in body_texts(&page) {
            for token in tokens(&text) {
                prop_assert!(words.contains(&token), "{token:?} of {text:?} is not in the input");
            }
        }
        prop_assert_eq!(clean(html.as_bytes(), InputFormat::Auto), page, "not deterministic");
    }

    #[test]
    fn text_pages_keep_only_their_own_words(article in article()) {
        let text = article.text();
        let page = clean(text.as_bytes(), InputFormat::Text);
        check_page(&page)?;
        let words = article.words();
        for block in body_texts(&page) {
            for token in tokens(&block) {
                prop_assert!(words.contains(&token), "{token:?} of {block:?} is not in the input");
            }
        }
        prop_assert_eq!(clean(text.as_bytes(), InputFormat::Text), page, "not deterministic");
    }
}

/// Pieces of tag soup: tags that nest, implied end tags, entities, comments.
const SOUP: &[&str] = &[
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<b id=1>",
    "</b>",
    "<a href=#fn1>",
    "</a>",
    "<sup>",
    "</sup>",
    "<table>",
    "<tr>",
    "<td>",
    "</table>",
    "<ul>",
    "<li>",
    "<h2>",
    "</h2>",
    "<svg>",
    "</svg>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "&#0;",
    "&#xD800;",
    "&amp;",
    "&",
    "<",
    ">",
    "\0",
    "\n",
    "\n\n",
    " ",
    "word ",
    "Notes\n",
    "[1] ",
    "By Jane Doe\n",
    "é",
    "東",
    "<br>",
    "<pre>",
    "</pre>",
    "<template>",
    "<math>",
    "<frameset>",
    "<plaintext>",
];

fn soup() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(SOUP), 0..200).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(SOUP_CASES))]

    #[test]
    fn any_bytes_give_a_valid_page_or_an_error(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        for format in [InputFormat::Auto, InputFormat::Html, InputFormat::Text] {
            let page = clean(&bytes, format);
            check_page(&page)?;
            prop_assert_eq!(clean(&bytes, format), page, "not deterministic");
        }
    }

    #[test]
    fn tag_soup_gives_a_valid_page(soup in soup()) {
        for format in [InputFormat::Html, InputFormat::Text] {
            let page = clean(soup.as_bytes(), format);
            // Text is a page; only NUL bytes can make it read as binary data.
            prop_assert!(
                page.get("error").is_none() || soup.contains('\0'),
                "soup is a page: {page}"
            );
            check_page(&page)?;
            prop_assert_eq!(clean(soup.as_bytes(), format), page, "not deterministic");
        }
    }
}

/// The generated pages are real articles: the body and the notes come out
/// (so the properties above are not vacuous).
#[test]
fn generated_pages_have_a_body_and_footnotes() {
    let sentence = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
    let article = Article {
        pieces: vec![
            Piece::Paragraph(sentence("the council voted to reopen the harbour slipway after twelve years of delays and residents said the ferry would return in spring")),
            Piece::Heading(2, sentence("engineers found cracks")),
            Piece::Paragraph(sentence("engineers found cracks under the old pier and a new survey was ordered by the mayor who promised funding for repairs before summer")),
        ],
        notes: vec![
            sentence("the survey was ordered in march by the harbour board"),
            sentence("funding was promised at the council meeting in may"),
        ],
        wrappers: vec![0, 1, 0],
        inline: vec![1, 0, 3],
    };
    for (input, format) in [
        (article.html(), InputFormat::Auto),
        (article.text(), InputFormat::Text),
    ] {
        let page = clean(input.as_bytes(), format);
        let body = body_texts(&page);
        // Both paragraphs (the heading may become the title of text input).
        assert!(body.len() >= 2, "{format:?}: {page}");
        assert!(body
            .iter()
            .any(|b| b.starts_with("engineers found cracks under")));
        assert!(
            body[0].ends_with("spring.[1][2]"),
            "{format:?}: {}",
            body[0]
        );
        let notes: Vec<&str> = page["footnotes"]
            .as_array()
            .expect("footnotes")
            .iter()
            .filter_map(|n| n["text"].as_str())
            .collect();
        assert_eq!(
            notes,
            [
                "the survey was ordered in march by the harbour board.",
                "funding was promised at the council meeting in may."
            ],
            "{format:?}"
        );
    }
}
