//! The strip stage: classifies every block as content or page chrome, and
//! records why.
//!
//! Two kinds of evidence are combined, as in jusText: a first pass gives each
//! block a class on its own (detector families, markup, length), and a final
//! pass decides with its neighbours (the main run of prose, widget lists
//! under a widget heading, short blocks between content).

use serde::{Deserialize, Serialize};

pub mod families;

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
    /// Page header or footer outside the article.
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

/// Classifies every block of `doc`. (Placeholder until the passes land.)
pub fn strip(doc: &crate::document::Document, _config: &crate::config::Config) -> Vec<Class> {
    doc.blocks
        .iter()
        .map(|b| match families::classify(&b.text, b.words) {
            Some(f) => Class::Chrome(f.reason),
            None => Class::Content,
        })
        .collect()
}
