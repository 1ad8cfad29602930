//! HTML position evidence: the article container.
//!
//! Markup first: blocks inside elements whose tag, role, class or id name
//! chrome (`nav`, `aside`, `.sidebar`, `#comments`, `.share-buttons`, …) take
//! that reason — unless that element holds most of the page's prose, since
//! some pages wrap the whole article in, say, `<form>` or a `has-comments`
//! class. Then every element is scored by the prose beneath it, and the
//! deepest element that holds most of it is the container; content outside
//! it is [`Reason::OutsideMain`], and link lists inside it are
//! [`Reason::LowDensity`].

use super::{is_prose, markup, Class, Reason};
use crate::config::{Config, Favor, Thresholds};
use crate::document::{Block, BlockKind, Document};

/// An element that holds at least this share of the page's prose never
/// marks its content as chrome, whatever its markup says.
const HINT_MAX_SHARE: f64 = 0.5;
/// A content-named element (`itemprop=articleBody`, `.entry-content`) must
/// hold this share of the prose to count as the page's own word on where
/// the article is.
const NAMED_ARTICLE_MIN_SHARE: f64 = 0.15;
/// An element inside the named article replaces it when it holds this
/// share of the named article's prose.
const NAMED_NEARLY_ALL: f64 = 0.9;
/// When the prose outside teaser cards is below this share of the page's
/// prose…
const NO_ARTICLE_SHARE: f64 = 0.15;
/// …and below this many characters, the page has no article.
const NO_ARTICLE_MAX_CHARS: f64 = 300.0;
/// Reasons whose markup is trusted even on an element that holds most of
/// the prose: a comment section can be longer than the article.
const ALWAYS_CHROME: &[Reason] = &[Reason::Comments];
/// An element whose content-named descendant (`.entry-content`, `<article>`)
/// holds at least this share of its prose is a layout wrapper: its chrome
/// class ("container penci_sidebar") describes the page, not the element.
const WRAPPER_CONTENT_SHARE: f64 = 0.5;
/// The dominant paragraph cluster must hold at least this share of the container's prose…
const CLUSTER_MIN_SHARE: f64 = 0.3;
/// …and this many times the prose of any other cluster not nested with it.
const CLUSTER_DOMINANCE: f64 = 4.0;
/// …and the rest must be scattered over at least this many clusters (teaser cards).
const CLUSTER_MIN_OTHERS: usize = 3;
/// An enclosing element with paragraphs of its own worth this share of a
/// cluster's prose takes the cluster's place.
const CLUSTER_NESTED_SHARE: f64 = 0.2;
/// Link density above which a short block inside the container is a link list.
const LINK_DENSITY_MAX: f64 = 0.5;
/// Blocks with fewer words than this carry no prose weight.
const MIN_WEIGHT_WORDS: usize = 4;
/// A link-dense block with at least this many words is kept (a paragraph of citations).
const LINK_LIST_MAX_WORDS: usize = 40;

/// Share of the page's prose the article container must hold, by preference.
fn container_share(favor: Favor) -> f64 {
    match favor {
        Favor::Precision => 0.6,
        Favor::Balanced => 0.7,
        Favor::Recall => 0.85,
    }
}

/// Classifies HTML blocks by markup and by the article container.
pub fn main_content(doc: &Document, classes: &mut [Class], config: &Config) {
    let th = &config.thresholds;
    let weights = prose_weights(&doc.blocks, classes);
    let (held, total) = held_by_node(doc, &weights);
    let content_below = content_held_below(doc, &held);
    // The element the page itself names as the article, if it holds real prose.
    let named_article = (0..doc.nodes.len())
        .filter(|&i| {
            held[i] >= NAMED_ARTICLE_MIN_SHARE * total && markup::is_content_node(&doc.nodes[i])
        })
        .max_by(|&a, &b| held[a].total_cmp(&held[b]));
    // What an element's markup says, where it counts: worked out only for
    // the elements above some content block, once each.
    let hint = |i: usize| {
        markup::node_reason(&doc.nodes[i]).filter(|r| {
            let wraps_content =
                held[i] > 0.0 && content_below[i] >= WRAPPER_CONTENT_SHARE * held[i];
            // Apart from the named article, a chrome element is chrome however
            // much it holds (a long footer beside a short article).
            let beside_article = named_article
                .is_some_and(|a| a != i && !is_ancestor(doc, a, i) && !is_ancestor(doc, i, a));
            let holds_article =
                held[i] >= HINT_MAX_SHARE * total && !ALWAYS_CHROME.contains(r) && !beside_article;
            !holds_article && !wraps_content
        })
    };
    let mut hints: Vec<Option<Option<Reason>>> = vec![None; doc.nodes.len()];
    for (block, class) in doc.blocks.iter().zip(classes.iter_mut()) {
        if !class.is_content() {
            continue;
        }
        if let Some(reason) = block
            .ancestors
            .iter()
            .rev()
            .find_map(|&a| *hints[a as usize].get_or_insert_with(|| hint(a as usize)))
        {
            *class = Class::Chrome(reason);
        }
    }
    let before_cards: f64 = prose_weights(&doc.blocks, classes).iter().sum();
    super::cards::mark(doc, classes);
    let weights = prose_weights(&doc.blocks, classes);
    let (held, total) = held_by_node(doc, &weights);
    if total <= 0.0 {
        return;
    }
    // A page whose prose was nearly all teaser cards is a listing, a home
    // page or search results: what is left is not an article.
    if total < NO_ARTICLE_SHARE * before_cards && total < NO_ARTICLE_MAX_CHARS {
        for class in classes.iter_mut().filter(|c| c.is_content()) {
            *class = Class::Chrome(Reason::NoMainContent);
        }
        return;
    }
    let container = choose_container(doc, &held, total, container_share(config.favor))
        .map(|c| dominant_cluster(doc, &weights, c))
        .map(|c| with_sibling_sections(doc, &held, c, th));
    for (block, class) in doc.blocks.iter().zip(classes.iter_mut()) {
        if !class.is_content() {
            continue;
        }
        let inside = container.is_none_or(|c| block.ancestors.contains(&c));
        if !inside {
            *class = Class::Chrome(Reason::OutsideMain);
        } else if is_link_list(block, th) {
            *class = Class::Chrome(Reason::LowDensity);
        }
    }
}

/// Prose weight of each block: its non-link characters, for content blocks
/// of a few words or more.
fn prose_weights(blocks: &[Block], classes: &[Class]) -> Vec<f64> {
    blocks
        .iter()
        .zip(classes)
        .map(|(b, c)| {
            if !c.is_content() || b.words < MIN_WEIGHT_WORDS || b.kind == BlockKind::Caption {
                return 0.0;
            }
            let chars = b.text.chars().count() as f64;
            chars * (1.0 - b.link_density()).max(0.0)
        })
        .collect()
}

/// For each element, the most prose held by one content-named element
/// inside it (`.entry-content`, `<article>`, `itemprop=articleBody`).
fn content_held_below(doc: &Document, held: &[f64]) -> Vec<f64> {
    let mut below = vec![0.0f64; doc.nodes.len()];
    for (i, node) in doc.nodes.iter().enumerate() {
        if held[i] <= 0.0 || !markup::is_content_node(node) {
            continue;
        }
        let mut parent = node.parent;
        while let Some(p) = parent {
            let slot = &mut below[p as usize];
            *slot = slot.max(held[i]);
            parent = doc.nodes[p as usize].parent;
        }
    }
    below
}

/// Prose weight held under each element, and the page total.
fn held_by_node(doc: &Document, weights: &[f64]) -> (Vec<f64>, f64) {
    let mut held = vec![0.0; doc.nodes.len()];
    let mut total = 0.0;
    for (block, &w) in doc.blocks.iter().zip(weights) {
        if w <= 0.0 {
            continue;
        }
        total += w;
        for &a in block.ancestors.iter() {
            held[a as usize] += w;
        }
    }
    (held, total)
}

/// The deepest element holding at least `share` of the prose; an element
/// whose markup names it the article wins when it holds most of the prose.
fn choose_container(doc: &Document, held: &[f64], total: f64, share: f64) -> Option<u32> {
    let named = doc
        .nodes
        .iter()
        .enumerate()
        .filter(|(i, n)| held[*i] >= HINT_MAX_SHARE * total && markup::is_content_node(n))
        .max_by(|a, b| a.1.depth.cmp(&b.1.depth))
        .map(|(i, _)| i as u32);
    let deepest = doc
        .nodes
        .iter()
        .enumerate()
        .filter(|(i, _)| held[*i] >= share * total)
        .max_by(|a, b| {
            a.1.depth
                .cmp(&b.1.depth)
                .then(held[a.0].total_cmp(&held[b.0]))
        })
        .map(|(i, _)| i as u32);
    match (named, deepest) {
        // Prefer the named container unless an element inside it holds nearly as much.
        (Some(n), Some(d))
            if is_ancestor(doc, n as usize, d as usize)
                && held[d as usize] >= NAMED_NEARLY_ALL * held[n as usize] =>
        {
            Some(d)
        }
        (Some(n), _) => Some(n),
        (None, d) => d,
    }
}

/// Within the container, the element whose own paragraphs hold the most
/// prose, when it clearly dominates: a short article among long teaser
/// lists lives in one element, the teasers each in their own card.
fn dominant_cluster(doc: &Document, weights: &[f64], container: u32) -> u32 {
    let mut cluster = vec![0.0f64; doc.nodes.len()];
    let mut inside = 0.0;
    for (block, &w) in doc.blocks.iter().zip(weights) {
        if w <= 0.0 || !block.ancestors.contains(&container) {
            continue;
        }
        let Some(&last) = block.ancestors.last() else {
            continue;
        };
        // A paragraph element counts for its parent; any other element for itself.
        let owner = match doc.nodes[last as usize].tag {
            "p" | "blockquote" | "pre" => doc.nodes[last as usize].parent.unwrap_or(last),
            _ => last,
        };
        cluster[owner as usize] += w;
        inside += w;
    }
    let Some(mut best) = (0..cluster.len()).max_by(|&a, &b| cluster[a].total_cmp(&cluster[b]))
    else {
        return container;
    };
    // A cluster inside an element that has paragraphs of its own (a quote
    // inside the article body) stands for that element.
    let mut up = doc.nodes[best].parent;
    while let Some(p) = up {
        if cluster[p as usize] >= CLUSTER_NESTED_SHARE * cluster[best] {
            best = p as usize;
        }
        if p == container {
            break;
        }
        up = doc.nodes[p as usize].parent;
    }
    let related = |a: usize, b: usize| is_ancestor(doc, a, b) || is_ancestor(doc, b, a);
    let others: Vec<f64> = (0..cluster.len())
        .filter(|&m| m != best && cluster[m] > 0.0 && !related(m, best))
        .map(|m| cluster[m])
        .collect();
    let second = others.iter().copied().fold(0.0, f64::max);
    let dominant = cluster[best] >= CLUSTER_MIN_SHARE * inside
        && cluster[best] >= CLUSTER_DOMINANCE * second
        && others.len() >= CLUSTER_MIN_OTHERS;
    if dominant && best as u32 != container {
        best as u32
    } else {
        container
    }
}

/// The container, or the parent of the section it lies in when that
/// section has sibling sections with prose of their own: an article split
/// into `<section>`s (or into siblings of one class) is all of them.
fn with_sibling_sections(doc: &Document, held: &[f64], container: u32, th: &Thresholds) -> u32 {
    let prose_paragraphs = |node: u32| {
        doc.blocks
            .iter()
            .filter(|b| b.ancestors.contains(&node) && is_prose(b, th))
            .count()
    };
    let mut at = container as usize;
    while let Some(parent) = doc.nodes[at].parent {
        let node = &doc.nodes[at];
        let same_kind = |other: &crate::document::Node| {
            node.tag == "section" && other.tag == "section" && other.tokens == node.tokens
        };
        let has_sibling_sections = doc.nodes.iter().enumerate().any(|(i, other)| {
            i != at
                && other.parent == Some(parent)
                && same_kind(other)
                && held[i] >= SECTION_MIN_SHARE * held[at]
                && prose_paragraphs(i as u32) >= SECTION_MIN_PARAGRAPHS
        });
        if has_sibling_sections {
            return parent;
        }
        // Only up through elements that hold (nearly) the same prose.
        if held[parent as usize] > held[at] * SECTION_CLIMB_SLACK {
            break;
        }
        at = parent as usize;
    }
    container
}

/// A sibling section must hold this share of the chosen section's prose.
const SECTION_MIN_SHARE: f64 = 0.05;
/// …and this many paragraphs of prose (a header section has a deck at most).
const SECTION_MIN_PARAGRAPHS: usize = 2;
/// Climb from the container towards the root only through elements that
/// hold at most this many times its prose.
const SECTION_CLIMB_SLACK: f64 = 1.05;

/// Whether element `a` is an ancestor of element `b`.
fn is_ancestor(doc: &Document, a: usize, b: usize) -> bool {
    let mut p = doc.nodes[b].parent;
    while let Some(x) = p {
        if x as usize == a {
            return true;
        }
        p = doc.nodes[x as usize].parent;
    }
    false
}

/// A short block that is mostly links: a menu, a tag list, "read more" rows.
fn is_link_list(block: &Block, th: &Thresholds) -> bool {
    block.link_density() > LINK_DENSITY_MAX
        && block.words < LINK_LIST_MAX_WORDS
        && !(is_prose(block, th) && block.link_density() < 1.0)
        && !reads_as_sentence_with_links(block)
}

/// A sentence that links some of its words ("Thanks to Jo, users can now
/// import logins"): enough words, many of them lower-case, not all linked.
fn reads_as_sentence_with_links(block: &Block) -> bool {
    const MIN_WORDS: usize = 8;
    const MIN_LOWERCASE_WORDS: usize = 4;
    const MAX_LINK_DENSITY: f64 = 0.75;
    let lowercase = block
        .text
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .count();
    block.words >= MIN_WORDS
        && lowercase >= MIN_LOWERCASE_WORDS
        && block.link_density() < MAX_LINK_DENSITY
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::strip::{strip, Class, Reason};

    fn kept(html: &str) -> Vec<String> {
        let config = Config::default();
        let doc = crate::document::html::parse(html);
        let s = strip(&doc, &config);
        doc.blocks
            .into_iter()
            .zip(s.classes)
            .filter(|(_, c)| c.is_content())
            .map(|(b, _)| b.text)
            .collect()
    }

    const P: &str = "<p>This paragraph has plenty of ordinary words in it, enough to count as prose for the scorer.</p>";

    #[test]
    fn sidebar_nav_and_footer_are_dropped() {
        let html = format!(
            "<nav><a href=/>Home</a></nav><div class=main><article>{P}{P}</article>\
             <aside class=sidebar><h3>Recent</h3>{P}</aside></div><footer><p>Small print here for all.</p></footer>"
        );
        assert_eq!(kept(&html).len(), 2);
    }

    #[test]
    fn a_wrapper_with_a_chrome_class_is_ignored_when_it_holds_the_article() {
        let html =
            format!("<div class='post has-comments'>{P}{P}{P}</div><div class=comments>{P}</div>");
        assert_eq!(kept(&html).len(), 3);
    }

    #[test]
    fn an_article_split_into_sections_is_kept_whole() {
        // One long section and two shorter ones: the long one alone holds
        // most of the prose, but the article is all three.
        let long = P.repeat(12);
        let html = format!(
            "<nav><a href=/>Home</a></nav><div class=post><section class=s>{P}{P}</section>\
             <section class=s>{long}</section><section class=s>{P}{P}</section></div>\
             <div class=teaser>{P}</div>"
        );
        assert_eq!(kept(&html).len(), 16);
        // A header section with one paragraph (a deck) does not pull in siblings.
        let html = format!(
            "<div class=post><section class=s><h1>Title</h1>{P}</section>\
             <section class=s>{long}</section></div><div class=teaser>{P}</div>"
        );
        assert_eq!(kept(&html).len(), 12);
    }

    #[test]
    fn content_outside_the_container_is_outside_main() {
        let config = Config::default();
        let html =
            format!("<div><div class=story>{P}{P}{P}{P}</div><div class=teaser>{P}</div></div>");
        let doc = crate::document::html::parse(&html);
        let s = strip(&doc, &config);
        assert_eq!(s.classes[4], Class::Chrome(Reason::OutsideMain));
    }
}
