//! Plain page text into blocks: lines and blank-line paragraphs.
//!
//! Copied page text puts every rendered block on its own line, so a line is
//! the unit: menus are runs of short lines, paragraphs are long lines. Text
//! that is hard-wrapped (email, plain-text files) is the exception: a
//! blank-line paragraph whose lines are all of similar, moderate length and
//! break mid-sentence is joined back into one block. Markdown `#` headings
//! become headings.

use super::{collapse_whitespace, Block, BlockKind, Document, Format, HtmlMeta, LimitHit, Limits};
use crate::config::Thresholds;

/// Splits page text into blocks, under the default limits.
pub fn parse(text: &str, thresholds: &Thresholds) -> Document {
    parse_limited(text, thresholds, &Limits::default())
}

/// Splits page text into blocks: lines longer than `limits.max_line_bytes`
/// are split (at a space near the limit where there is one), and the page is
/// cut short after `limits.max_blocks` blocks; both recorded in
/// [`Document::limits`].
pub fn parse_limited(text: &str, thresholds: &Thresholds, limits: &Limits) -> Document {
    let mut blocks = Vec::new();
    let mut split_lines = 0usize;
    let mut cut_short = false;
    let mut group: Vec<&str> = Vec::new();
    let mut gap = 0usize;
    let mut group_index = 0usize;
    let mut group_gap = 0usize;
    let lines = text.lines().flat_map(|line| {
        if line.len() > limits.max_line_bytes {
            split_lines += 1;
        }
        split_long_line(line, limits.max_line_bytes)
    });
    for raw in lines {
        if blocks.len() >= limits.max_blocks {
            cut_short = true;
            break;
        }
        if raw.trim().is_empty() {
            if !group.is_empty() {
                push_group(&mut blocks, &group, group_gap, group_index, thresholds);
                group.clear();
                group_index += 1;
                gap = 0;
            }
            gap += 1;
            continue;
        }
        if group.is_empty() {
            group_gap = gap;
        }
        group.push(raw);
    }
    if !group.is_empty() {
        push_group(&mut blocks, &group, group_gap, group_index, thresholds);
    }
    if blocks.len() > limits.max_blocks {
        blocks.truncate(limits.max_blocks);
        cut_short = true;
    }
    let mut hits = Vec::new();
    if split_lines > 0 {
        hits.push(LimitHit {
            limit: "max-line-bytes",
            effect: format!(
                "{split_lines} lines longer than {} bytes were split",
                limits.max_line_bytes
            ),
        });
    }
    if cut_short {
        hits.push(LimitHit {
            limit: "max-blocks",
            effect: format!("the page was cut short after {} blocks", limits.max_blocks),
        });
    }
    Document {
        format: Format::Text,
        blocks,
        nodes: Vec::new(),
        meta: HtmlMeta::default(),
        limits: hits,
    }
}

/// How far back from the limit a split looks for a space, in bytes.
const SPLIT_SPACE_WINDOW: usize = 1024;

/// `line` in pieces of at most `max_bytes` bytes (at least one character
/// each), each ending after a space near the limit when there is one.
fn split_long_line(line: &str, max_bytes: usize) -> SplitLine<'_> {
    SplitLine {
        rest: line,
        max_bytes: max_bytes.max(1),
        done: false,
    }
}

/// The pieces of [`split_long_line`], without allocating.
struct SplitLine<'a> {
    rest: &'a str,
    max_bytes: usize,
    /// The last piece was given (an empty line gives one empty piece).
    done: bool,
}

impl<'a> Iterator for SplitLine<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.done {
            return None;
        }
        let rest = self.rest;
        if rest.len() <= self.max_bytes {
            self.done = true;
            return Some(rest);
        }
        let mut cut = self.max_bytes;
        while cut > 0 && !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        if cut == 0 {
            // One character longer than the limit: take it whole.
            cut = rest.chars().next().map_or(rest.len(), char::len_utf8);
        }
        let window = cut.saturating_sub(SPLIT_SPACE_WINDOW);
        if let Some(space) = rest.as_bytes()[window..cut]
            .iter()
            .rposition(|&b| b == b' ')
        {
            if window + space > 0 {
                cut = window + space + 1;
            }
        }
        let (piece, after) = rest.split_at(cut);
        self.rest = after;
        self.done = after.is_empty();
        Some(piece)
    }
}

/// Adds the blocks of one blank-line paragraph.
fn push_group(
    blocks: &mut Vec<Block>,
    lines: &[&str],
    gap_before: usize,
    group: usize,
    thresholds: &Thresholds,
) {
    let mut push = |kind: BlockKind, text: String, gap: usize| {
        if text.is_empty() {
            return;
        }
        let mut block = Block::new(kind, text);
        block.gap_before = gap;
        block.group = group;
        blocks.push(block);
    };
    if is_code(lines) {
        let code: Vec<&str> = lines.iter().map(|l| l.trim_end()).collect();
        push(BlockKind::Code, code.join("\n"), gap_before);
        return;
    }
    if is_hard_wrapped(lines, thresholds) {
        push(
            BlockKind::Line,
            collapse_whitespace(&lines.join(" ")),
            gap_before,
        );
        return;
    }
    for (i, line) in lines.iter().enumerate() {
        let gap = if i == 0 { gap_before } else { 0 };
        let (kind, text) = markdown_heading(line)
            .map(|(level, text)| (BlockKind::Heading(level), text))
            .unwrap_or((BlockKind::Line, line));
        push(kind, collapse_whitespace(text), gap);
    }
}

/// How much a line looks like program code: indentation, a line ending in a
/// brace or semicolon, a comment or tag opening it, an assignment or call.
fn code_signals(line: &str) -> usize {
    const INDENT: usize = 2;
    let trimmed = line.trim();
    let indent = line.len() - line.trim_start().len();
    let mut signals = 0;
    if indent >= INDENT {
        signals += 1;
    }
    if trimmed.ends_with(['{', '}', ';']) || trimmed.ends_with(");") || trimmed == ")" {
        signals += 1;
    }
    let opens = ["//", "/*", "#!", "<?", "</", "<!--", "# "];
    if opens.iter().any(|o| trimmed.starts_with(o))
        || (trimmed.starts_with('<') && trimmed.ends_with('>'))
    {
        signals += 1;
    }
    if trimmed.contains("()")
        || trimmed.contains("=>")
        || trimmed.contains(" = ")
        || trimmed.contains("){")
    {
        signals += 1;
    }
    signals
}

/// A blank-line paragraph of program code: most of its lines show code
/// signals and some show two (prose lines hardly ever end in `{` or `;`).
fn is_code(lines: &[&str]) -> bool {
    const STRONG: usize = 2;
    let signals: Vec<usize> = lines.iter().map(|l| code_signals(l)).collect();
    let with_any = signals.iter().filter(|&&s| s >= 1).count();
    let strong = signals.iter().filter(|&&s| s >= STRONG).count();
    match lines.len() {
        0 => false,
        1 => strong == 1 && lines[0].trim().len() > 1,
        n => strong >= 1 && with_any * 5 >= n * 3,
    }
}

/// `# Title` → (1, "Title"); up to six `#` followed by a space.
fn markdown_heading(line: &str) -> Option<(u8, &str)> {
    let trimmed = line.trim_start();
    let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
        let text = trimmed[hashes..].trim().trim_end_matches('#').trim();
        (!text.is_empty()).then_some((hashes as u8, text))
    } else {
        None
    }
}

/// A paragraph hard-wrapped at a fixed width: at least two lines, every line
/// but the last of moderate length, and most breaks falling mid-sentence.
fn is_hard_wrapped(lines: &[&str], thresholds: &Thresholds) -> bool {
    if lines.len() < 2 {
        return false;
    }
    let (body, _last) = lines.split_at(lines.len() - 1);
    let lengths_fit = body.iter().all(|l| {
        let n = l.trim().chars().count();
        n >= thresholds.wrapped_line_min_chars && n <= thresholds.wrapped_line_max_chars
    }) && lines
        .iter()
        .all(|l| l.trim().chars().count() <= thresholds.wrapped_line_max_chars);
    if !lengths_fit {
        return false;
    }
    // A break falls mid-sentence when the line does not close a sentence
    // and the next line does not open one with a capital (a headline over
    // its deck is two capitalised lines), unless a comma or hyphen says the
    // sentence goes on.
    let mid_sentence = body
        .iter()
        .zip(&lines[1..])
        .filter(|(line, next)| {
            let line = line.trim_end();
            let next_capital = next.trim_start().starts_with(char::is_uppercase);
            !line.ends_with(['.', '!', '?', ':', ';'])
                && (!next_capital || line.ends_with([',', '-', '–']))
        })
        .count();
    let starts_list = lines.iter().any(|l| is_list_marker(l.trim_start()));
    mid_sentence * 2 >= body.len() && !starts_list
}

/// Whether a line starts with a bullet or a number marker ("- ", "• ", "1. ", "[1]").
fn is_list_marker(line: &str) -> bool {
    bullet_item(line).is_some() || is_numbered_item(line) || line.starts_with('[')
}

/// Bullets that start a list line in page text.
const BULLETS: &[&str] = &["- ", "* ", "+ ", "• ", "· ", "– ", "◦ ", "▪ ", "‣ "];

/// "- item", "* item", "• item" → "item".
pub fn bullet_item(text: &str) -> Option<&str> {
    BULLETS
        .iter()
        .find_map(|b| text.strip_prefix(b))
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// "1. item", "2) item": a numbered list line.
pub fn is_numbered_item(text: &str) -> bool {
    const MAX_DIGITS: usize = 2;
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && digits <= MAX_DIGITS && {
        let rest = &text[digits..];
        rest.starts_with(". ") || rest.starts_with(") ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_split_after_a_space_near_the_limit() {
        let line = "abcd ".repeat(10);
        let pieces: Vec<&str> = split_long_line(&line, 12).collect();
        assert_eq!(pieces.concat(), line);
        assert!(pieces.iter().all(|p| p.len() <= 12 && p.ends_with(' ')));
        // No space: whole characters, never a cut inside one.
        let pieces: Vec<&str> = split_long_line("ééééé", 3).collect();
        assert_eq!(pieces, ["é", "é", "é", "é", "é"]);
        assert_eq!(split_long_line("short", 12).collect::<Vec<_>>(), ["short"]);
        assert_eq!(split_long_line("", 12).collect::<Vec<_>>(), [""]);
    }

    #[test]
    fn limits_split_lines_and_cut_pages_short() {
        let limits = Limits {
            max_line_bytes: 10,
            max_blocks: 3,
            ..Limits::default()
        };
        let doc = parse_limited(
            "one two three four five six seven",
            &Thresholds::default(),
            &limits,
        );
        assert_eq!(doc.blocks.len(), 3);
        assert_eq!(doc.blocks[0].text, "one two");
        let limits: Vec<&str> = doc.limits.iter().map(|l| l.limit).collect();
        assert_eq!(limits, ["max-line-bytes", "max-blocks"]);
    }

    fn blocks(text: &str) -> Vec<(BlockKind, String, usize)> {
        parse(text, &Thresholds::default())
            .blocks
            .into_iter()
            .map(|b| (b.kind, b.text, b.gap_before))
            .collect()
    }

    #[test]
    fn every_line_is_a_block_with_its_gap() {
        let b = blocks("Menu\nHome\n\n\nTitle here\n\nA paragraph.");
        assert_eq!(b.len(), 4);
        assert_eq!(b[0], (BlockKind::Line, "Menu".into(), 0));
        assert_eq!(b[1].2, 0);
        assert_eq!(b[2], (BlockKind::Line, "Title here".into(), 2));
        assert_eq!(b[3].2, 1);
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let text = "The harbour committee met on a grey morning to decide\n\
                    whether the old crane should be restored or sold for\n\
                    scrap, and the vote was closer than anyone expected.";
        let b = blocks(text);
        assert_eq!(b.len(), 1);
        assert!(b[0].1.starts_with("The harbour committee met"));
        assert!(b[0].1.ends_with("expected."));
    }

    #[test]
    fn short_lines_and_lists_are_not_joined() {
        assert_eq!(blocks("Home\nNews\nSport").len(), 3);
        let list = "- a first item that is quite long, long enough to wrap\n\
                    - a second item that is also quite long to look wrapped";
        assert_eq!(blocks(list).len(), 2);
    }

    #[test]
    fn code_paragraphs_are_one_code_block() {
        let b = blocks(
            "function add(a, b) {\n  return a + b;\n}\n\nPlain prose follows here, as usual.",
        );
        assert_eq!(b[0].0, BlockKind::Code);
        assert_eq!(b[0].1, "function add(a, b) {\n  return a + b;\n}");
        assert_eq!(b[1].0, BlockKind::Line);
        // A list of ingredients or a menu is not code.
        assert!(blocks("Home\nNews\nSport")
            .iter()
            .all(|b| b.0 == BlockKind::Line));
        assert!(blocks("He said: stop.\nShe said; go on;")
            .iter()
            .all(|b| b.0 == BlockKind::Line));
    }

    #[test]
    fn markdown_headings_are_headings() {
        let b = blocks("## Results ##\n\nText.");
        assert_eq!(b[0].0, BlockKind::Heading(2));
        assert_eq!(b[0].1, "Results");
        assert_eq!(blocks("#hashtag")[0].0, BlockKind::Line);
    }

    #[test]
    fn crlf_and_whitespace_are_normalised() {
        let b = blocks("  a  b \r\n\r\nc\r\n");
        assert_eq!(b[0].1, "a b");
        assert_eq!(b[1].1, "c");
    }
}
