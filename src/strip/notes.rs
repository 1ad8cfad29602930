//! Finds the notes list: the region after the body whose entries are
//! footnotes (`[1] …`, `1. …`, `1) …`, `^1 …`, `¹ …`, a number alone on a
//! line followed by its text), in plain text and HTML alike, and reads its
//! entries. Entries may have id gaps; an entry that wraps onto the next line
//! or paragraph is joined.
//!
//! A numbered list inside the body is not a notes region: a region needs a
//! notes heading ("Notes", "References", "Anmerkungen", …), notes markup
//! (`role=doc-endnotes`, `class=footnotes`, …), or bracket/caret/superscript
//! style ids that the text before it cites.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::document::{Block, BlockKind, Document, Format};

/// Most characters a note id may have.
const ID_MAX_CHARS: usize = 4;
/// A region without a heading or markup needs at least this many entries.
const MIN_ENTRIES_WITHOUT_HEADING: usize = 2;

/// One note as the page lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// The id as written (`"1"`, `"a"`).
    pub id: String,
    /// The note's text, wrapped parts joined with one space.
    pub text: String,
}

/// The notes list of a page: the blocks it covers and its entries.
#[derive(Clone, Debug, Default)]
pub struct NotesRegion {
    /// Indexes of the blocks that belong to the region (heading, entries, wraps).
    pub blocks: Vec<usize>,
    /// The entries, in page order.
    pub notes: Vec<Note>,
}

/// How an entry writes its id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    /// `[1] text`
    Bracket,
    /// `^1 text`
    Caret,
    /// `¹ text`
    Superscript,
    /// `1. text`, `1) text`, `(1) text`
    Numbered,
    /// `1` alone on a line; the text follows.
    Bare,
}

static NOTES_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:foot ?notes|end ?notes|notes(?: and references)?|references|sources|citations|bibliography|works cited|anmerkungen|fußnoten|einzelnachweise|quellen|notas|referencias|fuentes|bibliografía|notes et références|références|sources et notes|note|riferimenti|fonti|kaynaklar|dipnotlar|notlar|noten|bronnen|примечания|источники|注释|脚注|参考文献)\s*:?$",
    )
    .expect("valid regex")
});

static ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\[(?P<b>[0-9]{1,3}|[a-z]{1,2})\]|\^(?P<c>[0-9]{1,3})|(?P<s>[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})|\(?(?P<n>[0-9]{1,3})[.)]|(?P<z>[0-9]{1,3})$)\s*(?P<rest>.*)$",
    )
    .expect("valid regex")
});

/// In-text note markers: `[1]`, `^1`, `¹²`.
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[(?P<b>[0-9]{1,3}|[a-z])\]|\^(?P<c>[0-9]{1,3})\b|(?P<s>[¹²³⁴⁵⁶⁷⁸⁹⁰]+)")
        .expect("valid regex")
});

/// Class/id/role tokens that mark an HTML notes container.
const NOTES_TOKENS: &[&str] = &[
    "footnotes",
    "footnote-list",
    "footnotes-list",
    "endnotes",
    "doc-endnotes",
    "doc-footnote",
    "references",
    "reflist",
    "refbegin",
    "mw-references-wrap",
    "notes",
    "fn-list",
    "easy-footnotes-wrapper",
    "modern-footnotes-list",
    "wp-block-footnotes",
];

/// Whether `c` is a superscript digit (`¹ text` entries, `x²`, `word³`).
fn is_superscript_digit(c: char) -> bool {
    matches!(c, '¹' | '²' | '³' | '⁰' | '⁴'..='⁹')
}

/// Whether `text` may hold a note marker: a `[`, a `^` or a superscript
/// digit. Most body text has none, and is refused here, byte by byte,
/// without a regex: a superscript digit is `C2 B2`, `C2 B3` or `C2 B9`
/// (¹²³) or ends in `81 B0`, `81 B4` … `81 B9` (⁰ and ⁴ to ⁹) in UTF-8; a
/// few other characters share those endings, which only costs a regex run.
fn may_hold_marker(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().any(|&b| b == b'[' || b == b'^')
        || bytes.windows(2).any(|pair| match pair {
            [0xC2, second] => matches!(second, 0xB2 | 0xB3 | 0xB9),
            [0x81, second] => matches!(second, 0xB0 | 0xB4..=0xB9),
            _ => false,
        })
}
/// Most words of a notes heading.
const NOTES_HEADING_MAX_WORDS: usize = 4;
/// Longest notes heading, in bytes ("Notes et références", "Sources et notes").
const NOTES_HEADING_MAX_BYTES: usize = 40;

/// Back-link characters that pages put at the end (or start) of notes.
const BACKLINKS: &[char] = &['↩', '\u{fe0e}', '\u{fe0f}', '⤴', '↑', '^'];

/// The note ids a text cites, in order of first citation: `[1]` and `^1`
/// always; superscripts and digits glued to a word or sentence end
/// ("energy.12 The") only for ids the page's notes list has (otherwise
/// "40 m²" would cite a note 2).
pub fn markers_in(text: &str, known: &HashSet<String>) -> Vec<String> {
    let mut found: Vec<(usize, String)> = Vec::new();
    if may_hold_marker(text) {
        for caps in MARKER.captures_iter(text) {
            if let Some(m) = caps.name("b").or_else(|| caps.name("c")) {
                found.push((m.start(), m.as_str().to_string()));
            } else if let Some(m) = caps.name("s") {
                // A superscript right after a digit is an exponent ("100²").
                let before = text[..m.start()].chars().next_back();
                let id = from_superscript(m.as_str());
                if before.is_some_and(|c| !c.is_ascii_digit() && !c.is_whitespace())
                    && !is_unit_power(text, m.start())
                    && known.contains(&id)
                {
                    found.push((m.start(), id));
                }
            }
        }
    }
    for id in known {
        if let Some(pos) = glued_marker(text, id) {
            found.push((pos, id.clone()));
        }
    }
    found.sort_by_key(|(pos, _)| *pos);
    let mut seen = HashSet::new();
    found
        .into_iter()
        .filter(|(_, id)| seen.insert(id.clone()))
        .map(|(_, id)| id)
        .collect()
}

/// Whether the superscript at `at` raises a unit after a number ("40 m²",
/// "5 km²", "3 cm³"): a short word of letters right after digits and a space.
fn is_unit_power(text: &str, at: usize) -> bool {
    const UNIT_MAX_LETTERS: usize = 3;
    let head = &text[..at];
    let unit: String = head
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect();
    let rest = &head[..head.len() - unit.len()];
    !unit.is_empty()
        && unit.chars().count() <= UNIT_MAX_LETTERS
        && rest.trim_end().ends_with(|c: char| c.is_ascii_digit())
        && rest.ends_with(' ')
}

/// The note ids a text cites when the page has no notes list: `[1]`, `^1`
/// and superscripts after a word.
pub fn markers(text: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    if !may_hold_marker(text) {
        return Vec::new();
    }
    MARKER
        .captures_iter(text)
        .filter_map(|caps| {
            if let Some(m) = caps.name("b").or_else(|| caps.name("c")) {
                return Some(m.as_str().to_string());
            }
            let m = caps.name("s")?;
            let before = text[..m.start()].chars().next_back();
            before
                .is_some_and(|c| !c.is_ascii_digit() && !c.is_whitespace())
                .then(|| from_superscript(m.as_str()))
        })
        .filter(|id| seen.insert(id.clone()))
        .collect()
}

/// Finds the notes region of `doc`, if it has one.
pub fn locate(doc: &Document) -> Option<NotesRegion> {
    match doc.format {
        Format::Html => locate_html(doc)
            .or_else(|| sidenotes(doc))
            .or_else(|| locate_text(&doc.blocks)),
        Format::Text => locate_text(&doc.blocks),
    }
}

fn from_superscript(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '¹' => '1',
            '²' => '2',
            '³' => '3',
            '⁴' => '4',
            '⁵' => '5',
            '⁶' => '6',
            '⁷' => '7',
            '⁸' => '8',
            '⁹' => '9',
            _ => '0',
        })
        .collect()
}

/// "Notes", "References", "Anmerkungen", … alone on a line.
fn is_notes_heading(text: &str) -> bool {
    // Cheap refusals first: too long, or not starting with a letter.
    text.len() <= NOTES_HEADING_MAX_BYTES
        && text.chars().next().is_some_and(char::is_alphabetic)
        && NOTES_HEADING.is_match(text)
}

/// An entry line: its style, id and the text after the id.
fn entry(text: &str) -> Option<(Style, String, &str)> {
    // Every entry form starts with one of these; most blocks are rejected here.
    let first = text.chars().next()?;
    if !(first.is_ascii_digit() || matches!(first, '[' | '^' | '(') || is_superscript_digit(first))
    {
        return None;
    }
    let caps = ENTRY.captures(text)?;
    let rest = caps.name("rest").map_or("", |m| m.as_str());
    let (style, id) = if let Some(m) = caps.name("b") {
        (Style::Bracket, m.as_str().to_string())
    } else if let Some(m) = caps.name("c") {
        (Style::Caret, m.as_str().to_string())
    } else if let Some(m) = caps.name("s") {
        (Style::Superscript, from_superscript(m.as_str()))
    } else if let Some(m) = caps.name("n") {
        (Style::Numbered, m.as_str().to_string())
    } else {
        (Style::Bare, caps.name("z")?.as_str().to_string())
    };
    if style != Style::Bare && rest.trim().is_empty() {
        return None;
    }
    Some((style, id, rest))
}

/// Whether a note's text so far reads as finished (so the next line is not its continuation).
fn ends_complete(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with(['.', ';', '!', '?', ')', '”', '"', '»']) || t.ends_with(".)")
}

/// Plain-text notes: the best run of entries after the body.
fn locate_text(blocks: &[Block]) -> Option<NotesRegion> {
    let mut best: Option<NotesRegion> = None;
    let mut i = 0;
    while i < blocks.len() {
        let heading = is_notes_heading(&blocks[i].text);
        let start = if heading { i + 1 } else { i };
        let Some((style, _, _)) = blocks.get(start).and_then(|b| entry(&b.text)) else {
            i += 1;
            continue;
        };
        let (mut region, end) = read_run(blocks, start, style);
        // Digits glued to words count as citations only under a notes heading:
        // without one, "2 cups" and "step 3" would make any list a notes list.
        let cited = cited_before(blocks, i, &region.notes, heading);
        let enough = region.notes.len() >= MIN_ENTRIES_WITHOUT_HEADING;
        let valid = match style {
            _ if heading => !region.notes.is_empty(),
            Style::Bracket | Style::Caret | Style::Superscript => enough && cited > 0,
            Style::Numbered | Style::Bare => enough && cited * 2 >= region.notes.len(),
        };
        if valid && ids_increase(&region.notes) {
            if heading {
                region.blocks.insert(0, i);
            }
            // The later and larger region wins: notes come after the body.
            if best
                .as_ref()
                .is_none_or(|b| region.notes.len() >= b.notes.len())
            {
                best = Some(region);
            }
        }
        i = end.max(i + 1);
    }
    best
}

/// Reads entries of one style from `start`, joining wrapped lines.
/// Returns the region and the index after it.
fn read_run(blocks: &[Block], start: usize, style: Style) -> (NotesRegion, usize) {
    let mut region = NotesRegion::default();
    let mut i = start;
    let mut bare_pending = false;
    while i < blocks.len() {
        let block = &blocks[i];
        let text = block.text.as_str();
        match entry(text) {
            Some((s, id, rest)) if s == style || (style == Style::Bare && s == Style::Numbered) => {
                region.notes.push(Note {
                    id,
                    text: rest.trim().to_string(),
                });
                bare_pending = s == Style::Bare;
                region.blocks.push(i);
            }
            _ => {
                let Some(last) = region.notes.last_mut() else {
                    break;
                };
                let starts_lower = text.chars().next().is_some_and(char::is_lowercase);
                // A paragraph between two entries belongs to the first of them.
                let sandwiched = blocks
                    .get(i + 1)
                    .and_then(|next| entry(&next.text))
                    .is_some_and(|(s, _, _)| s == style);
                let continues = bare_pending
                    || (!ends_complete(&last.text) || starts_lower || sandwiched)
                        && crate::strip::families::classify(text, block.words).is_none()
                        && !is_notes_heading(text);
                if !continues {
                    break;
                }
                if !last.text.is_empty() {
                    last.text.push(' ');
                }
                last.text.push_str(text.trim());
                bare_pending = false;
                region.blocks.push(i);
            }
        }
        i += 1;
    }
    (region, i)
}

/// How many of `notes` are cited by markers in the blocks before `end`.
fn cited_before(blocks: &[Block], end: usize, notes: &[Note], glued: bool) -> usize {
    let ids: HashSet<&str> = notes.iter().map(|n| n.id.as_str()).collect();
    let mut cited = HashSet::new();
    for block in &blocks[..end] {
        for id in markers(&block.text) {
            if ids.contains(id.as_str()) {
                cited.insert(id);
            }
        }
        // Bare digits glued to a word or sentence end ("energy.12 The") count too.
        if glued {
            for id in &ids {
                if glued_marker(&block.text, id).is_some() {
                    cited.insert((*id).to_string());
                }
            }
        }
    }
    cited.len()
}

/// Where `id` stands glued to the end of a word or sentence in `text`
/// ("energy12 and", "in 1998.3 The", "said.”4"), if it does. After a full
/// stop the next word must start a sentence ("version 2.3 is" cites nothing).
fn glued_marker(text: &str, id: &str) -> Option<usize> {
    text.match_indices(id).map(|(pos, _)| pos).find(|&pos| {
        let before = text[..pos].chars().next_back();
        let rest = &text[pos + id.len()..];
        let after = rest.chars().next();
        let next_word_starts_sentence = rest
            .trim_start()
            .chars()
            .next()
            .is_none_or(|c| c.is_uppercase() || !c.is_alphanumeric());
        let glued = match before {
            Some(c) if c.is_alphabetic() => true,
            Some('.') => next_word_starts_sentence,
            Some(',' | ';' | '”' | '"' | ')' | '’') => true,
            _ => false,
        };
        glued && after.is_none_or(char::is_whitespace)
    })
}

/// Numeric ids never go down (gaps are fine); letters are left alone.
fn ids_increase(notes: &[Note]) -> bool {
    let mut last = 0u32;
    for note in notes {
        if let Ok(n) = note.id.parse::<u32>() {
            if n < last {
                return false;
            }
            last = n;
        }
    }
    true
}

/// HTML notes: list items inside a notes container (`section.footnotes`,
/// `role=doc-endnotes`, `ol.references`, …).
fn locate_html(doc: &Document) -> Option<NotesRegion> {
    let notes_nodes: Vec<bool> = doc
        .nodes
        .iter()
        .map(|n| n.tokens().any(|t| NOTES_TOKENS.contains(&t)))
        .collect();
    if !notes_nodes.contains(&true) {
        return None;
    }
    let is_notes_node = |id: u32| notes_nodes[id as usize];
    let first = doc
        .blocks
        .iter()
        .position(|b| b.ancestors.iter().any(|&a| is_notes_node(a)))?;
    let container = *doc.blocks[first]
        .ancestors
        .iter()
        .find(|&&a| is_notes_node(a))?;
    let mut region = NotesRegion::default();
    // The list's heading ("Notes", "References") just before it is the list's.
    if let Some(h) = first.checked_sub(1) {
        let heading = &doc.blocks[h];
        if heading.words <= NOTES_HEADING_MAX_WORDS && is_notes_heading(&heading.text) {
            region.blocks.push(h);
        }
    }
    let mut ordinal = 0u32;
    let mut last_item: Option<u32> = None;
    for (i, block) in doc.blocks.iter().enumerate().skip(first) {
        if !block.ancestors.contains(&container) {
            break;
        }
        region.blocks.push(i);
        if block.kind != BlockKind::ListItem && !matches!(block.kind, BlockKind::Paragraph) {
            continue;
        }
        let text = clean_note_text(&block.text);
        if text.is_empty() {
            continue;
        }
        let item = block
            .ancestors
            .iter()
            .rev()
            .copied()
            .find(|&a| doc.nodes[a as usize].tag == "li");
        match (item, last_item) {
            (Some(li), Some(prev)) if li == prev => {
                if let Some(note) = region.notes.last_mut() {
                    note.text.push(' ');
                    note.text.push_str(&text);
                }
            }
            (Some(li), _) => {
                ordinal += 1;
                let id =
                    id_from_tokens(&doc.nodes[li as usize]).unwrap_or_else(|| ordinal.to_string());
                region.notes.push(Note { id, text });
                last_item = Some(li);
            }
            (None, _) => {
                if let Some((_, id, rest)) = entry(&text) {
                    region.notes.push(Note {
                        id,
                        text: clean_note_text(rest),
                    });
                }
            }
        }
    }
    (!region.notes.is_empty()).then_some(region)
}

/// Sidenotes the walk took out of the text, numbered in order.
fn sidenotes(doc: &Document) -> Option<NotesRegion> {
    let notes: Vec<Note> = doc
        .meta
        .sidenotes
        .iter()
        .enumerate()
        .map(|(i, text)| Note {
            id: (i + 1).to_string(),
            text: text.clone(),
        })
        .collect();
    (!notes.is_empty()).then_some(NotesRegion {
        blocks: Vec::new(),
        notes,
    })
}

/// The id in an element id such as `fn1`, `fn:1`, `footnote-2`, `cite_note-3`, `cite_note-name-3`.
fn id_from_tokens(node: &crate::document::Node) -> Option<String> {
    node.tokens().find_map(|t| {
        let looks_like_note = [
            "fn",
            "footnote",
            "cite_note",
            "note",
            "endnote",
            "ftn",
            "_ftn",
        ]
        .iter()
        .any(|p| t.starts_with(p));
        if !looks_like_note {
            return None;
        }
        let digits: String = t
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        (!digits.is_empty() && digits.len() <= ID_MAX_CHARS).then_some(digits)
    })
}

/// Note text without back-links ("↩", "^ a b") at its ends.
fn clean_note_text(text: &str) -> String {
    let is_backlink = |c: char| BACKLINKS.contains(&c) || c.is_whitespace();
    let mut t = text.trim().trim_start_matches(is_backlink);
    // Trailing back-links, each maybe numbered with a superscript ("↩ ↩²").
    loop {
        let trimmed = t.trim_end_matches(is_superscript_digit);
        let stripped = trimmed.trim_end_matches(is_backlink);
        if stripped.len() == trimmed.len() {
            break;
        }
        t = stripped;
    }
    // Wikipedia's "^ a b" back-link letters.
    let t = t
        .strip_prefix("a b c ")
        .or_else(|| t.strip_prefix("a b "))
        .unwrap_or(t);
    t.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_characters_are_seen_byte_by_byte() {
        for c in "¹²³⁰⁴⁵⁶⁷⁸⁹[^".chars() {
            assert!(may_hold_marker(&format!("word{c} more")), "{c}");
            assert!(is_superscript_digit(c) || matches!(c, '[' | '^'));
        }
        // A unit's power passes the prefilter; the marker rules refuse it.
        assert!(may_hold_marker("Rooms of 40 m² each"));
        assert!(!may_hold_marker(
            "Plain text, with “quotes”, café — no marks."
        ));
        assert!(!may_hold_marker(""));
    }
    use crate::config::Thresholds;

    fn text_region(page: &str) -> Option<NotesRegion> {
        locate(&crate::document::text::parse(page, &Thresholds::default()))
    }

    const PROSE: &str = "The canal opened in 1820 and carried coal for a century.[1] \
        Trade fell after the railway arrived.[2]";

    #[test]
    fn bracket_notes_with_gaps_and_wraps() {
        let page = format!(
            "{PROSE}\n\n[1]A history of the canal, p.12\n\n[2]Letters of the engineer, vol. 3, in\n\n\
             two parts, 1901.\n\n[5]Ibid.\n\n- Advertisement -"
        );
        let r = text_region(&page).expect("region");
        let ids: Vec<&str> = r.notes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["1", "2", "5"]);
        assert_eq!(
            r.notes[1].text,
            "Letters of the engineer, vol. 3, in two parts, 1901."
        );
        assert_eq!(r.blocks, vec![1, 2, 3, 4]);
    }

    #[test]
    fn numbered_notes_need_a_heading_or_citations() {
        let page = format!(
            "{PROSE}\n\nNotes\n\n1. First source.\n2. Second source, https://example.org/x"
        );
        let r = text_region(&page).expect("region");
        assert_eq!(r.notes.len(), 2);
        assert_eq!(r.blocks[0], 1);
        // A numbered list in a body, cited nowhere, is not notes.
        let recipe = "Mix well and bake for twenty minutes at a moderate heat.\n\n\
                      1. Heat the oven.\n2. Mix the flour and water.\n3. Bake.";
        assert!(text_region(recipe).is_none());
    }

    #[test]
    fn caret_superscript_and_bare_styles() {
        let caret = "A claim.^1 Another.^2\n\n^1 Source one.\n^2 Source two.";
        assert_eq!(text_region(caret).expect("caret").notes.len(), 2);
        let sup = "A claim.¹ Another.²\n\n¹ Source one.\n² Source two.";
        assert_eq!(text_region(sup).expect("sup").notes[1].id, "2");
        let bare = "A claim.1 Another claim.2\n\nNotes\n\n1\nSource one.\n2\nSource two.";
        let r = text_region(bare).expect("bare");
        assert_eq!(r.notes[0].text, "Source one.");
    }

    #[test]
    fn glued_and_superscript_markers_need_a_listed_id() {
        let known: HashSet<String> = ["3", "12"].iter().map(|s| s.to_string()).collect();
        assert_eq!(
            markers_in(
                "Rates rose in 1998.3 The board met.[1] Costs fell12 again.",
                &known
            ),
            ["3", "1", "12"]
        );
        assert!(markers_in("Version 2.3 is out, with 40 m² rooms.", &known).is_empty());
        assert_eq!(
            markers_in(
                "An area of 40 m² and a claim.¹²",
                &["12".to_string()].into_iter().collect()
            ),
            ["12"]
        );
    }

    #[test]
    fn markers_are_found_and_exponents_are_not() {
        assert_eq!(
            markers("One.[1] Two.[2] Again.[1] Up^3 and x² then y.⁴"),
            ["1", "2", "3", "4"]
        );
        assert!(markers("It grew 100² times").is_empty());
    }

    #[test]
    fn html_footnote_sections() {
        let doc = crate::document::html::parse(
            r##"<p>Claim.<sup><a href="#fn1">1</a></sup></p>
            <section class="footnotes" role="doc-endnotes"><hr><ol>
            <li id="fn1"><p>First note. <a href="#fnref1" role="doc-backlink">↩︎</a></p></li>
            <li id="fn3"><p>Third note. <a href="#fnref3">↩</a> <a href="#fnref3-2">↩<sup>2</sup></a></p></li></ol></section>"##,
        );
        let r = locate(&doc).expect("region");
        assert_eq!(
            r.notes,
            vec![
                Note {
                    id: "1".into(),
                    text: "First note.".into()
                },
                Note {
                    id: "3".into(),
                    text: "Third note.".into()
                },
            ]
        );
    }
}
