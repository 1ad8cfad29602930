//! The strip stage: classifies every block as content or page chrome, and
//! records why.
//!
//! Two kinds of evidence are combined, as in jusText: a first pass gives each
//! block a class on its own (detector families, markup, length), and a final
//! pass decides with its neighbours (the main run of prose, widget lists
//! under a widget heading, short blocks between content).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::config::{Config, Thresholds};
use crate::document::{Block, BlockKind, Document, Format};

mod cards;
mod container;
mod density;
pub mod families;
pub mod markup;
mod neighbours;
pub mod notes;

pub use notes::{Note, NotesRegion};

/// Why a block is not part of the article body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Reason {
    /// A weather reading.
    Weather,
    /// A site date/time line (header date widget, "Updated 3 hours ago").
    Dateline,
    /// Menus, breadcrumbs, pagination, skip links.
    Navigation,
    /// Advert labels and ad slots.
    Advert,
    /// Plugin, theme and platform credits ("Powered by X").
    Credit,
    /// Share buttons and prompts.
    Share,
    /// Subscribe, newsletter and sign-in prompts.
    Subscribe,
    /// Cookie and consent notices.
    Cookie,
    /// Sidebar widgets: "Most Popular", "Related Posts", tag lists.
    Widget,
    /// The comment section.
    Comments,
    /// Copyright and legal lines.
    Copyright,
    /// A byline (its author goes to `author`).
    Byline,
    /// The title line (it goes to `title`).
    Title,
    /// The author's biography (it goes to `author_bio`).
    AuthorBio,
    /// The notes list (it goes to `footnotes`).
    Footnotes,
    /// The site's header (masthead, banner) outside the article.
    Header,
    /// The site's footer outside the article.
    Footer,
    /// A sidebar or complementary region.
    Sidebar,
    /// Links to related or recommended articles.
    Related,
    /// An image or figure caption.
    Caption,
    /// Hidden by markup (`hidden`, `aria-hidden`, `display:none`).
    Hidden,
    /// Mostly links, or too short to be prose, among chrome.
    LowDensity,
    /// Outside the page's main run of content.
    OutsideMain,
    /// The page has no article.
    NoMainContent,
}

impl Reason {
    /// The kebab-case code used in `removed[].reason`.
    pub fn code(self) -> &'static str {
        match self {
            Reason::Weather => "weather",
            Reason::Dateline => "dateline",
            Reason::Navigation => "navigation",
            Reason::Advert => "advert",
            Reason::Credit => "credit",
            Reason::Share => "share",
            Reason::Subscribe => "subscribe",
            Reason::Cookie => "cookie",
            Reason::Widget => "widget",
            Reason::Comments => "comments",
            Reason::Copyright => "copyright",
            Reason::Byline => "byline",
            Reason::Title => "title",
            Reason::AuthorBio => "author-bio",
            Reason::Footnotes => "footnotes",
            Reason::Header => "header",
            Reason::Footer => "footer",
            Reason::Sidebar => "sidebar",
            Reason::Related => "related",
            Reason::Caption => "caption",
            Reason::Hidden => "hidden",
            Reason::LowDensity => "low-density",
            Reason::OutsideMain => "outside-main",
            Reason::NoMainContent => "no-main-content",
        }
    }
}

/// The class of a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// Part of the article.
    Content,
    /// Not part of the article, for this reason.
    Chrome(Reason),
}

impl Class {
    /// Whether the block belongs to the body.
    pub fn is_content(self) -> bool {
        self == Class::Content
    }
}

/// The outcome of the strip stage.
#[derive(Clone, Debug)]
pub struct Stripped {
    /// Each block's class from its own evidence (detectors, markup).
    pub first: Vec<Class>,
    /// Each block's final class, after its neighbours and the main run.
    pub classes: Vec<Class>,
    /// The notes list, if the page has one.
    pub notes: Option<NotesRegion>,
}

/// Classifies every block of `doc` as content or chrome.
pub fn strip(doc: &Document, config: &Config) -> Stripped {
    let th = &config.thresholds;
    let first = first_pass(doc, th);
    let mut classes = first.clone();
    let notes = notes::locate(doc);
    if let Some(region) = &notes {
        for &i in &region.blocks {
            classes[i] = Class::Chrome(Reason::Footnotes);
        }
    }
    match doc.format {
        Format::Text => density::main_run(&doc.blocks, &mut classes, th),
        Format::Html => container::main_content(doc, &mut classes, config),
    }
    // A widget's extent: in HTML the element that holds its heading, in text
    // the run of short lines after it.
    match doc.format {
        Format::Html => neighbours::widget_sections(&doc.blocks, &mut classes, th),
        Format::Text => neighbours::widget_lists(&doc.blocks, &mut classes, th),
    }
    neighbours::comments_tail(&doc.blocks, &mut classes, th);
    Stripped {
        first,
        classes,
        notes,
    }
}

/// Every block's class on its own evidence. Inside navigation, asides and
/// page footers (by tag or role) the markup decides and the detectors are
/// not run; a text seen before on the page gets the same class again.
fn first_pass(doc: &Document, th: &Thresholds) -> Vec<Class> {
    let tag_reason: Vec<Option<Reason>> = doc.nodes.iter().map(markup::structural_reason).collect();
    let mut classes = Vec::with_capacity(doc.blocks.len());
    // Short blocks meet the detectors, all at once: each distinct text
    // once, as its first block on the page, whose class the others share.
    let mut first_seen: HashMap<&str, usize> = HashMap::new();
    let mut detect: Vec<usize> = Vec::new();
    let mut same_as: Vec<(usize, usize)> = Vec::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        if let Some(reason) = block
            .ancestors
            .iter()
            .rev()
            .find_map(|&a| tag_reason[a as usize])
        {
            classes.push(Class::Chrome(reason));
            continue;
        }
        let caption = block.kind == BlockKind::Caption;
        classes.push(if caption {
            Class::Chrome(Reason::Caption)
        } else {
            Class::Content
        });
        if block.words > th.detector_max_words {
            continue;
        }
        if let Some(&first) = first_seen.get(block.text.as_str()) {
            same_as.push((i, first));
        } else {
            first_seen.insert(&block.text, i);
            if !caption {
                detect.push(i);
            }
        }
    }
    let texts: Vec<(&str, usize)> = detect
        .iter()
        .map(|&i| (doc.blocks[i].text.as_str(), doc.blocks[i].words))
        .collect();
    for (&i, family) in detect.iter().zip(families::classify_all(&texts)) {
        let block = &doc.blocks[i];
        // A line of two chrome items side by side, when no family claims it whole.
        if let Some(family) = family.or_else(|| families::classify_pair(&block.text, block.words)) {
            classes[i] = Class::Chrome(family.reason);
        }
    }
    for (i, first) in same_as {
        classes[i] = classes[first];
    }
    classes
}

/// Whether a block reads as prose: enough words and a sentence mark, or long.
pub fn is_prose(block: &Block, th: &Thresholds) -> bool {
    let long =
        block.text.len() >= th.prose_min_chars && block.text.chars().count() >= th.prose_min_chars;
    (block.words >= th.prose_min_words && ends_sentence(&block.text)) || long
}

/// Whether a block ends like a sentence and has a few words: a short lede or closing line.
pub fn is_sentence(block: &Block) -> bool {
    const MIN_WORDS: usize = 3;
    block.words >= MIN_WORDS && ends_sentence(&block.text)
}

/// Whether text ends with a sentence's closing mark (or a quote or bracket after one).
fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with([
        '.', '!', '?', '…', '"', '”', '»', ')', ']', ':', ';', '。', '！', '？',
    ])
}
