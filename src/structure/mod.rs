//! The structure stage: builds the page from classified blocks — title,
//! author, date, body blocks, footnotes, author bio and the metadata the
//! page states — and, under `--explain`, what was removed and where each
//! field came from.

use crate::config::Config;
use crate::document::{Document, Format};
use crate::output::{Page, Provenance, Removed, SCHEMA_VERSION};
use crate::strip::{Class, Reason, Stripped};

pub mod author;
pub mod bio;
pub mod body;
pub mod date;
pub mod footnotes;
pub mod meta;
pub mod title;

/// How many blocks before the title (or body) and after the body still
/// belong to the article's header and footer (bylines, dates).
const ARTICLE_AREA_MARGIN: usize = 6;
/// How many lines before and after the title a name-only byline may stand (page text).
const NAME_LINE_BEFORE_TITLE: usize = 2;
const NAME_LINE_AFTER_TITLE: usize = 6;
/// How many lines before the body a name followed by its date line may stand (page text).
const DATED_NAME_BEFORE_BODY: usize = 20;
/// How many blocks before the body the article's opening byline block may take.
const DATE_BEFORE_BODY_BLOCKS: usize = 4;
/// How many blocks after the title a date line may stand and still be the publication date.
const DATE_AFTER_TITLE_BLOCKS: usize = 4;

/// Builds the page from the document and the strip stage's classes.
///
/// `page_url` is where the page was fetched from, if it was; links and
/// images resolve against `<base href>`, that URL, or the canonical URL.
pub fn build(doc: &Document, stripped: Stripped, config: &Config, page_url: Option<&str>) -> Page {
    let blocks = &doc.blocks;
    let mut classes = stripped.classes;
    let mut prov = Provenance::default();
    let html = doc.format == Format::Html;
    let meta = if html {
        meta::read(&doc.meta)
    } else {
        meta::Meta::default()
    };

    // Page text: the body's common words, which names are not made of.
    let common = if html {
        author::CommonWords::default()
    } else {
        author::CommonWords::of_body(blocks, &classes)
    };

    // Title, and breadcrumbs that repeat it.
    let title = if html {
        let site = meta.site_name.as_ref().map(|(s, _)| s.as_str());
        let meta_title = meta.title.as_ref().map(|(t, s)| (t.as_str(), *s));
        title::from_html(
            blocks,
            &classes,
            meta_title,
            doc.meta.title_tag.as_deref(),
            site,
        )
    } else {
        title::from_text(blocks, &classes, &common)
    };
    if let Some(found) = &title {
        if let Some(i) = found.block {
            classes[i] = Class::Chrome(Reason::Title);
        }
        for i in title::repeats_of(blocks, &classes, found) {
            if matches!(
                classes[i],
                Class::Content | Class::Chrome(Reason::OutsideMain)
            ) {
                classes[i] = Class::Chrome(Reason::Navigation);
            }
        }
        prov.title = Some(found.source.to_string());
    }

    // Author: metadata first (HTML), then byline lines, opening bylines before closing ones.
    let byline_blocks: Vec<usize> = (0..blocks.len())
        .filter(|&i| classes[i] == Class::Chrome(Reason::Byline))
        .collect();
    let mut author = meta
        .author
        .as_ref()
        .and_then(|(raw, source)| author::clean(raw).map(|a| (a, *source)));
    // Byline elements and lines count only for a page with an article, and
    // not inside teasers and widgets: a teaser's byline names no author of
    // this page. The page's header (before the body) comes first.
    let near = article_area(&classes, title.as_ref().and_then(|t| t.block));
    let usable = |at: &usize| {
        !near.is_empty()
            && !matches!(
                classes.get(*at),
                Some(Class::Chrome(
                    Reason::Related | Reason::Widget | Reason::Comments
                ))
            )
            && (*at < near.start || near.contains(at))
    };
    if author.is_none() {
        author = doc
            .meta
            .byline_texts
            .iter()
            .filter(|(_, at)| usable(at))
            .find_map(|(t, _)| author::from_byline(t).or_else(|| author::clean(t)))
            .map(|a| (a, "byline-element"));
    }
    if author.is_none() {
        author = byline_blocks
            .iter()
            .filter(|i| usable(i))
            .find_map(|&i| author::from_byline(&blocks[i].text))
            .map(|a| (a, "byline"));
    }
    let mut name_line_block = None;
    // Page text: a line that is only a name, next to the title, is the byline
    // whose "By" was an icon.
    if author.is_none() && !html {
        if let Some(t) = title.as_ref().and_then(|t| t.block) {
            // After the title first (bylines follow titles), then just before it.
            // A widget heading after the title ("You may also like") ends
            // the article's header: names below it are the widget's.
            let header_end = (t + 1..(t + 1 + NAME_LINE_AFTER_TITLE).min(blocks.len()))
                .find(|&i| matches!(classes[i], Class::Chrome(Reason::Related | Reason::Widget)))
                .unwrap_or((t + 1 + NAME_LINE_AFTER_TITLE).min(blocks.len()));
            let after = t + 1..header_end;
            let before = (t.saturating_sub(NAME_LINE_BEFORE_TITLE)..t).rev();
            let found = after
                .chain(before)
                .filter(|&i| {
                    matches!(
                        classes[i],
                        Class::Content | Class::Chrome(Reason::OutsideMain)
                    )
                })
                .find_map(|i| author::name_line(&blocks[i].text, &common).map(|a| (i, a)));
            if let Some((i, a)) = found {
                name_line_block = Some(i);
                author = Some((a, "name-line"));
            }
        }
    }
    // Where the body starts, for the page-text bylines below.
    let body_start = body_start(&classes);
    // Page text: further up the header, a name with its date or reading
    // time on the next line ("Jane Doe / 14 min read") is the byline too.
    if author.is_none() && !html {
        let found = (body_start.saturating_sub(DATED_NAME_BEFORE_BODY)..body_start)
            .rev()
            .filter(|&i| {
                classes[i] == Class::Chrome(Reason::OutsideMain)
                    && classes.get(i + 1) == Some(&Class::Chrome(Reason::Dateline))
            })
            .find_map(|i| author::name_line(&blocks[i].text, &common).map(|a| (i, a)));
        if let Some((i, a)) = found {
            name_line_block = Some(i);
            author = Some((a, "dated-name-line"));
        }
    }
    // Page text of a personal site: the copyright holder is a person whose
    // name also heads the page (the site's title) — the author.
    if author.is_none() && !html {
        author = (0..blocks.len())
            .filter(|&i| classes[i] == Class::Chrome(Reason::Copyright))
            .filter_map(|i| author::copyright_holder(&blocks[i].text, &common))
            .find(|name| blocks[..body_start].iter().any(|b| b.text.trim() == name))
            .map(|a| (a, "copyright-holder"));
    }
    prov.author = author.as_ref().map(|(_, s)| s.to_string());
    let author = author.map(|(a, _)| a);

    // Date: metadata (HTML), else a byline or date line just after the title.
    let date = if html {
        meta.date
            .as_ref()
            .and_then(|(raw, s)| date::parse(raw).map(|d| (d, *s)))
            .or_else(|| {
                doc.meta
                    .times
                    .iter()
                    .filter(|(_, at)| usable(at))
                    .find_map(|(t, _)| date::parse(t))
                    .map(|d| (d, "time"))
            })
    } else {
        text_date(
            doc,
            &classes,
            title.as_ref().and_then(|t| t.block),
            name_line_block,
        )
    };
    prov.date = date.as_ref().map(|(_, s)| s.to_string());
    if let Some(i) = name_line_block {
        classes[i] = Class::Chrome(Reason::Byline);
    }
    // A byline element (`itemprop=author`, `rel=author`, a byline class)
    // that makes a block of its own is metadata, not body.
    for (text, at) in &doc.meta.byline_texts {
        if let Some(block) = blocks.get(*at) {
            if classes[*at].is_content() && block.text == *text {
                classes[*at] = Class::Chrome(Reason::Byline);
            }
        }
    }

    // Author bio.
    let bio = bio::find(blocks, &classes, author.as_deref()).map(|(i, heading)| {
        classes[i] = Class::Chrome(Reason::AuthorBio);
        if let Some(h) = heading {
            classes[h] = Class::Chrome(Reason::AuthorBio);
        }
        bio::text(&blocks[i])
    });
    let bio = bio.or_else(|| {
        let parts: Vec<&str> = (0..blocks.len())
            .filter(|&i| classes[i] == Class::Chrome(Reason::AuthorBio))
            .map(|i| blocks[i].text.as_str())
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    });
    if bio.is_some() {
        prov.author_bio = Some(if html { "markup" } else { "paragraph" }.to_string());
    }

    let base = base_url(&doc.meta, page_url);
    let note_ids: std::collections::HashSet<String> = stripped
        .notes
        .iter()
        .flat_map(|r| r.notes.iter().map(|n| n.id.clone()))
        .collect();
    let body = body::build(
        blocks,
        &classes,
        &config.thresholds,
        base.as_ref(),
        &note_ids,
    );
    let footnotes = footnotes::from_region(stripped.notes.as_ref());

    let field = |f: &meta::Sourced, slot: &mut Option<String>| {
        *slot = f.as_ref().map(|(_, s)| s.to_string());
        f.as_ref().map(|(v, _)| v.clone())
    };
    let site_name = field(&meta.site_name, &mut prov.site_name);
    let language = field(&meta.language, &mut prov.language);
    let url = field(&meta.url, &mut prov.url);
    let description = field(&meta.description, &mut prov.description);

    let removed = config.explain.then(|| {
        let mut removed: Vec<Removed> = blocks
            .iter()
            .zip(&classes)
            .filter_map(|(b, c)| match c {
                Class::Chrome(reason) => Some(Removed {
                    text: b.text.clone(),
                    reason: *reason,
                }),
                Class::Content => None,
            })
            .collect();
        if body.is_empty() {
            removed.push(Removed {
                text: String::new(),
                reason: Reason::NoMainContent,
            });
        }
        removed
    });

    Page {
        schema: SCHEMA_VERSION,
        title: title.map(|t| t.text),
        author,
        date: date.map(|(d, _)| d),
        site_name,
        language,
        url,
        description,
        body,
        footnotes,
        author_bio: bio,
        removed,
        provenance: config.explain.then_some(prov),
        ..Page::default()
    }
}

/// Index of the first block of the body (the blocks' count when there is none).
pub(crate) fn body_start(classes: &[Class]) -> usize {
    classes
        .iter()
        .position(|c| c.is_content())
        .unwrap_or(classes.len())
}

/// The blocks around the article: from a little before the title or the
/// first body block to a little after the last body block. Empty when the
/// page has no body.
fn article_area(classes: &[Class], title: Option<usize>) -> std::ops::Range<usize> {
    let first = classes.iter().position(|c| c.is_content());
    let last = classes.iter().rposition(|c| c.is_content());
    let (Some(first), Some(last)) = (first, last) else {
        return 0..0;
    };
    let start = title.map_or(first, |t| t.min(first));
    start.saturating_sub(ARTICLE_AREA_MARGIN)
        ..(last + 1 + ARTICLE_AREA_MARGIN).min(classes.len() + 1)
}

/// The URL relative addresses resolve against: `<base href>` (itself
/// resolved against the page's address), else the page's own address (where
/// it was fetched from, or its canonical URL).
fn base_url(meta: &crate::document::HtmlMeta, page_url: Option<&str>) -> Option<url::Url> {
    let page = page_url
        .or(meta.canonical.as_deref())
        .and_then(|u| url::Url::parse(u).ok());
    match (&meta.base, page) {
        (Some(base), Some(page)) => page.join(base).ok(),
        (Some(base), None) => url::Url::parse(base).ok(),
        (None, page) => page,
    }
}

/// "Updated: …", "Actualizado: …": when the page changed, not when it was published.
fn is_update_stamp(text: &str) -> bool {
    starts_with_label(text, UPDATE_LABELS)
}

/// Whether `text` opens with one of `labels` (lower-case), whatever its case.
fn starts_with_label(text: &str, labels: &[&str]) -> bool {
    let lower = text.trim_start().to_lowercase();
    labels.iter().any(|l| lower.starts_with(l))
}

/// The part of a byline before an update label ("By Jane Doe Updated Jul
/// 24, 2018" → "By Jane Doe "): a date after the label is when the page
/// changed, not when it was published.
fn before_update_label(text: &str) -> &str {
    // ASCII lower-casing keeps byte offsets.
    let lower = text.to_ascii_lowercase();
    let starts_word = |at: usize| {
        !lower[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    };
    UPDATE_LABELS
        .iter()
        .filter_map(|l| {
            lower
                .match_indices(l)
                .map(|(at, _)| at)
                .find(|&at| starts_word(at))
        })
        .min()
        .map_or(text, |at| &text[..at])
}

/// Labels of a modification date.
const UPDATE_LABELS: &[&str] = &[
    "updated",
    "last updated",
    "modified",
    "last modified",
    "edited",
    "actualizado",
    "aktualisiert",
    "zuletzt aktualisiert",
    "mis à jour",
    "aggiornato",
    "güncellendi",
    "bijgewerkt",
    "atualizado",
];

/// "Published on: …", "Veröffentlicht am …": a date line that says it is
/// the publication date.
fn is_publication_stamp(text: &str) -> bool {
    const LABELS: &[&str] = &[
        "published",
        "posted",
        "first published",
        "publié",
        "veröffentlicht",
        "publicado",
        "pubblicato",
        "gepubliceerd",
        "yayınlanma",
        "yayımlanma",
    ];
    starts_with_label(text, LABELS)
}

/// Plain text: a date stated in a byline, on a date line right after the
/// title, or in the article's opening byline block, or a date line anywhere
/// in the header that says it is the publication date. Other date lines
/// before the title are the site's header widget.
fn text_date(
    doc: &Document,
    classes: &[Class],
    title: Option<usize>,
    name_line: Option<usize>,
) -> Option<(String, &'static str)> {
    let blocks = &doc.blocks;
    let body_start = body_start(classes);
    let dated = |i: usize| -> Option<(String, &'static str)> {
        match classes.get(i)? {
            Class::Chrome(Reason::Byline) => {
                date::parse(before_update_label(&blocks[i].text)).map(|d| (d, "byline"))
            }
            Class::Chrome(Reason::Dateline) if !is_update_stamp(&blocks[i].text) => {
                date::parse(&blocks[i].text).map(|d| (d, "date-line"))
            }
            _ => None,
        }
    };
    // The byline's own date: the line after a name-only byline.
    if let Some(found) = name_line.and_then(|i| dated(i + 1)) {
        return Some(found);
    }
    let Some(t) = title else {
        // Without a title, only a byline line before the body.
        return (0..body_start)
            .filter(|&i| classes[i] == Class::Chrome(Reason::Byline))
            .find_map(dated);
    };
    // Just after the title, then the byline block that opens the article
    // (the last lines before the body). A date line above the title is
    // the site's date widget as often as the article's date: left alone.
    let after = t + 1..(t + 1 + DATE_AFTER_TITLE_BLOCKS).min(blocks.len());
    let opening = (body_start
        .saturating_sub(DATE_BEFORE_BODY_BLOCKS)
        .max(t + 1)..body_start)
        .rev();
    after.chain(opening).find_map(dated).or_else(|| {
        (0..body_start)
            .filter(|&i| is_publication_stamp(&blocks[i].text))
            .find_map(dated)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byline_date_after_an_update_label_is_not_the_publication_date() {
        assert_eq!(
            before_update_label("By Jane Doe Updated Jul 24, 2018, 2:15pm"),
            "By Jane Doe "
        );
        assert_eq!(
            before_update_label("Published March 1, 2024 · Last updated March 3, 2024"),
            "Published March 1, 2024 · "
        );
        // "edited" inside a word is no label.
        assert_eq!(
            before_update_label("By Jane Doe, credited co-author, March 1, 2024"),
            "By Jane Doe, credited co-author, March 1, 2024"
        );
    }

    #[test]
    fn publication_stamps() {
        assert!(is_publication_stamp("Published on: June 25, 2024"));
        assert!(is_publication_stamp("Veröffentlicht am 3. Mai 2023"));
        assert!(!is_publication_stamp("Updated: June 25, 2024"));
        assert!(!is_publication_stamp("Tuesday, June 25, 2024"));
    }
}
