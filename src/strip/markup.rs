//! Markup evidence: what an HTML element's tag, role, class and id say it
//! holds. A declarative table maps the words pages use in class/id names
//! (`sidebar`, `comments`, `share-buttons`, `ad-slot`, …) to reasons.

use std::collections::HashMap;
use std::sync::LazyLock;

use rustc_hash::FxBuildHasher;

use super::Reason;
use crate::document::Node;

/// Tags that mark page chrome by themselves.
const TAG_REASONS: &[(&str, Reason)] = &[
    ("nav", Reason::Navigation),
    ("aside", Reason::Sidebar),
    ("footer", Reason::Footer),
    ("header", Reason::Header),
    ("form", Reason::Subscribe),
    ("figcaption", Reason::Caption),
];

/// ARIA roles that mark page chrome.
const ROLE_REASONS: &[(&str, Reason)] = &[
    ("navigation", Reason::Navigation),
    ("menu", Reason::Navigation),
    ("menubar", Reason::Navigation),
    ("banner", Reason::Header),
    ("contentinfo", Reason::Footer),
    ("complementary", Reason::Sidebar),
    ("search", Reason::Navigation),
    ("dialog", Reason::Cookie),
    ("alertdialog", Reason::Cookie),
];

/// Words inside class/id names (split on `-`, `_` and case changes) that
/// mark page chrome. A word must equal a part exactly: `ad` matches
/// `ad-slot` but not `header` or `shadow`.
const WORD_REASONS: &[(&str, Reason)] = &[
    ("comment", Reason::Comments),
    ("comments", Reason::Comments),
    ("disqus", Reason::Comments),
    ("respond", Reason::Comments),
    ("discussion", Reason::Comments),
    ("sidebar", Reason::Sidebar),
    ("widget", Reason::Widget),
    ("widgets", Reason::Widget),
    ("share", Reason::Share),
    ("sharing", Reason::Share),
    ("sharedaddy", Reason::Share),
    ("social", Reason::Share),
    ("addthis", Reason::Share),
    ("related", Reason::Related),
    ("recommended", Reason::Related),
    ("recommendations", Reason::Related),
    ("outbrain", Reason::Related),
    ("taboola", Reason::Related),
    ("newsletter", Reason::Subscribe),
    ("subscribe", Reason::Subscribe),
    ("subscription", Reason::Subscribe),
    ("signup", Reason::Subscribe),
    ("cookie", Reason::Cookie),
    ("cookies", Reason::Cookie),
    ("consent", Reason::Cookie),
    ("gdpr", Reason::Cookie),
    ("ad", Reason::Advert),
    ("ads", Reason::Advert),
    ("adv", Reason::Advert),
    ("advert", Reason::Advert),
    ("advertisement", Reason::Advert),
    ("adslot", Reason::Advert),
    ("adunit", Reason::Advert),
    ("dfp", Reason::Advert),
    ("sponsor", Reason::Advert),
    ("sponsored", Reason::Advert),
    ("promo", Reason::Advert),
    ("breadcrumb", Reason::Navigation),
    ("breadcrumbs", Reason::Navigation),
    ("menu", Reason::Navigation),
    ("nav", Reason::Navigation),
    ("navbar", Reason::Navigation),
    ("navigation", Reason::Navigation),
    ("pagination", Reason::Navigation),
    ("pager", Reason::Navigation),
    ("skip", Reason::Navigation),
    ("footer", Reason::Footer),
    ("masthead", Reason::Header),
    ("copyright", Reason::Copyright),
    ("caption", Reason::Caption),
    ("byline", Reason::Byline),
    ("tags", Reason::Widget),
    ("popular", Reason::Widget),
    ("trending", Reason::Widget),
];

/// Words that mark chrome also at the start of a longer class part
/// (`commentlist`, `sidebarleft`, `disqus_thread`).
const PREFIX_REASONS: &[(&str, Reason)] = &[
    ("comment", Reason::Comments),
    ("disqus", Reason::Comments),
    ("sidebar", Reason::Sidebar),
    ("breadcrumb", Reason::Navigation),
    ("newsletter", Reason::Subscribe),
    ("social", Reason::Share),
];

/// Parts of class/id names that say an element holds content: a chrome word
/// beside one of these ("page-content and-w-sidebar", "main-column
/// with-comments") describes the layout, not the element.
const CONTENT_PARTS: &[&str] = &[
    "article", "body", "content", "main", "story", "entry", "text", "embed", "embedded",
];

/// Parts of class/id names that describe a state, not the element:
/// "has-comments", "comments-open", "no-sidebar", "with-sidebar".
const STATE_PARTS: &[&str] = &[
    "has", "with", "no", "without", "open", "closed", "enabled", "disabled", "count", "active",
];

/// Class/id names that mark the article container.
const CONTENT_WORDS: &[&str] = &[
    "article",
    "articlebody",
    "article-body",
    "article-content",
    "entry-content",
    "post-content",
    "post-body",
    "story-body",
    "story-content",
    "main-content",
    "content-body",
    "blog-post",
];

/// The reason an element's tag or role alone gives (`nav`, `aside`,
/// `footer`, `role=navigation|complementary|contentinfo`): structure strong
/// enough to trust without looking at the words inside.
pub fn structural_reason(node: &Node) -> Option<Reason> {
    let by_tag = match node.tag {
        "nav" => Some(Reason::Navigation),
        "aside" => Some(Reason::Sidebar),
        "footer" => Some(Reason::Footer),
        _ => None,
    };
    by_tag.or_else(|| {
        node.tokens().find_map(|t| match t {
            "navigation" => Some(Reason::Navigation),
            "complementary" => Some(Reason::Sidebar),
            "contentinfo" => Some(Reason::Footer),
            _ => None,
        })
    })
}

/// The reason an element's own markup gives for treating its content as chrome.
pub fn node_reason(node: &Node) -> Option<Reason> {
    if let Some((_, r)) = TAG_REASONS.iter().find(|(t, _)| *t == node.tag) {
        return Some(*r);
    }
    // One pass over the tokens: a role decides; a content word cancels the
    // class words; otherwise the first token naming chrome (and no state).
    let mut word_reason = None;
    let mut says_content = false;
    for token in node.tokens() {
        if let Some((_, r)) = ROLE_REASONS.iter().find(|(t, _)| *t == token) {
            return Some(*r);
        }
        if says_content {
            continue;
        }
        let mut state = false;
        let mut reason = None;
        for part in parts(token) {
            let meaning = PART_MEANINGS.get(part).copied().unwrap_or_default();
            if meaning.content {
                says_content = true;
                break;
            }
            state |= meaning.state;
            if reason.is_none() {
                reason = meaning.reason.or_else(|| prefix_reason(part));
            }
        }
        if !state && word_reason.is_none() {
            word_reason = reason;
        }
    }
    if says_content {
        None
    } else {
        word_reason
    }
}

/// The words of a class/id token: split on `-`, `_`, `:` and `.`.
fn parts(token: &str) -> impl Iterator<Item = &str> {
    token
        .split(['-', '_', ' ', ':', '.'])
        .filter(|p| !p.is_empty())
}

/// Whether an element's markup names it the article's container.
pub fn is_content_node(node: &Node) -> bool {
    matches!(node.tag, "article" | "main")
        || node
            .tokens()
            .any(|t| CONTENT_WORDS.contains(&t) || t == "main" || t == "articlebody")
}

/// What one word of a class/id name says, from [`CONTENT_PARTS`],
/// [`STATE_PARTS`] and [`WORD_REASONS`].
#[derive(Clone, Copy, Debug, Default)]
struct PartMeaning {
    /// The element holds content.
    content: bool,
    /// The word describes a state, not the element.
    state: bool,
    /// The chrome the word names.
    reason: Option<Reason>,
}

/// The three word tables merged into one map, looked up once per word.
static PART_MEANINGS: LazyLock<HashMap<&'static str, PartMeaning, FxBuildHasher>> =
    LazyLock::new(|| {
        let mut map: HashMap<&'static str, PartMeaning, FxBuildHasher> = HashMap::default();
        for &word in CONTENT_PARTS {
            map.entry(word).or_default().content = true;
        }
        for &word in STATE_PARTS {
            map.entry(word).or_default().state = true;
        }
        for &(word, reason) in WORD_REASONS {
            map.entry(word).or_default().reason.get_or_insert(reason);
        }
        map
    });

/// The reason a longer word starting with a chrome word names ([`PREFIX_REASONS`]).
fn prefix_reason(part: &str) -> Option<Reason> {
    PREFIX_REASONS
        .iter()
        .find(|(w, _)| part.starts_with(w))
        .map(|(_, r)| *r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(tag: &'static str, tokens: &[&str]) -> Node {
        Node {
            tag,
            parent: None,
            depth: 0,
            tokens: tokens.join(" "),
        }
    }

    #[test]
    fn words_match_whole_parts_only() {
        assert_eq!(
            node_reason(&node("div", &["ad-slot"])),
            Some(Reason::Advert)
        );
        assert_eq!(node_reason(&node("div", &["site-header"])), None);
        assert_eq!(node_reason(&node("div", &["shadow"])), None);
        assert_eq!(
            node_reason(&node("div", &["post_comments"])),
            Some(Reason::Comments)
        );
        assert_eq!(
            node_reason(&node("div", &["share-buttons"])),
            Some(Reason::Share)
        );
    }

    #[test]
    fn content_words_beside_chrome_words_cancel_them() {
        let wrapper = node("div", &["page-content", "main-white", "and-w-sidebar"]);
        assert_eq!(node_reason(&wrapper), None);
        assert_eq!(
            node_reason(&node("aside", &["article-sidebar"])),
            Some(Reason::Sidebar)
        );
    }

    #[test]
    fn tags_and_roles_count() {
        assert_eq!(node_reason(&node("nav", &[])), Some(Reason::Navigation));
        assert_eq!(
            node_reason(&node("div", &["complementary"])),
            Some(Reason::Sidebar)
        );
        assert_eq!(node_reason(&node("p", &[])), None);
    }

    #[test]
    fn content_containers_are_recognised() {
        assert!(is_content_node(&node("div", &["entry-content"])));
        assert!(is_content_node(&node("article", &[])));
        assert!(!is_content_node(&node("div", &["sidebar"])));
    }
}
