//! Golden cases (`samples/<case>/page.{txt,html}` + `expected.json`, and single
//! seeds): body token F1 (or, for pages with no article, a cap on the body's
//! words), title/author/date exact, footnotes, and lines that must stay out of
//! the body.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use unchrome::{InputFormat, Page};

use crate::common::{
    fmt_rate, fmt_score, mark, opt_str_field, rate, read_bytes, read_json, require_dir, show,
    sorted_entries, str_list_field, warn, Cleaner, Report, ORACLE_NOTE,
};
use crate::metrics::{author_matches, collapse_whitespace, mean, title_matches, token_f1};

/// The input files a case folder may hold, with how each is read.
const CASE_INPUTS: [(&str, InputFormat); 2] = [
    ("page.txt", InputFormat::Text),
    ("page.html", InputFormat::Html),
];

/// One case to score: an input file and its expected output.
#[derive(Debug)]
pub struct Case {
    /// Shown in reports.
    pub name: String,
    /// The page to clean.
    pub input: PathBuf,
    /// How to read it.
    pub format: InputFormat,
    /// The expected output file.
    pub expected: PathBuf,
}

/// Flags shared by `samples` and `seed`.
#[derive(Debug)]
pub struct Options {
    /// The cases.
    pub cases: Vec<Case>,
    /// Floors section: `samples` or `seed`.
    pub section: &'static str,
    /// Use the expected output as the prediction (checks the metrics).
    pub oracle: bool,
    /// Case folders already left out (no input file).
    pub skipped: usize,
}

/// The cases under a samples folder, sorted by name, and how many folders
/// were left out for want of an input. A folder holding both `page.txt` and
/// `page.html` gives one case for each.
pub fn find_cases(dir: &Path) -> anyhow::Result<(Vec<Case>, usize)> {
    require_dir(dir)?;
    let mut cases = Vec::new();
    let mut skipped = 0usize;
    for path in sorted_entries(dir)? {
        if !path.is_dir() {
            continue;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let inputs: Vec<_> = CASE_INPUTS
            .iter()
            .filter(|(file, _)| path.join(file).is_file())
            .collect();
        if inputs.is_empty() {
            warn(format!(
                "{}: no page.txt or page.html, skipped",
                path.display()
            ));
            skipped += 1;
        }
        for (file, format) in &inputs {
            cases.push(Case {
                name: if inputs.len() > 1 {
                    format!("{name}/{file}")
                } else {
                    name.clone()
                },
                input: path.join(file),
                format: *format,
                expected: path.join("expected.json"),
            });
        }
    }
    Ok((cases, skipped))
}

/// The one case of `seed FILE EXPECTED`: `.html`/`.htm` is read as HTML, anything else as text.
pub fn seed_case(input: &Path, expected: &Path) -> Case {
    let is_html = input
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    Case {
        name: input
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        input: input.to_path_buf(),
        format: if is_html {
            InputFormat::Html
        } else {
            InputFormat::Text
        },
        expected: expected.to_path_buf(),
    }
}

/// What was found on a page (or, for the oracle, what was expected).
#[derive(Debug, Default)]
struct Found {
    title: Option<String>,
    author: Option<String>,
    date: Option<String>,
    author_bio: Option<String>,
    blocks: Vec<String>,
    notes: Vec<(String, String)>,
}

impl Found {
    fn from_page(page: Page) -> Found {
        Found {
            title: page.title,
            author: page.author,
            date: page.date,
            author_bio: page.author_bio,
            blocks: page.body.into_iter().map(|b| b.text).collect(),
            notes: page.footnotes.into_iter().map(|n| (n.id, n.text)).collect(),
        }
    }

    fn from_expected(expected: &Value) -> Found {
        let text = |key| opt_str_field(expected, key).flatten().map(str::to_string);
        Found {
            title: text("title"),
            author: text("author"),
            date: text("date"),
            author_bio: text("author_bio"),
            blocks: expected_blocks(expected).unwrap_or_default(),
            notes: expected_notes(expected).unwrap_or_default(),
        }
    }
}

/// The texts of the expected body blocks; `None` when `body` is absent.
fn expected_blocks(expected: &Value) -> Option<Vec<String>> {
    let body = expected.get("body")?;
    if let Some(text) = body.as_str() {
        return Some(vec![text.to_string()]);
    }
    let blocks = body.as_array().map(Vec::as_slice).unwrap_or_default();
    Some(
        blocks
            .iter()
            .filter_map(|b| b.get("text")?.as_str().map(str::to_string))
            .collect(),
    )
}

/// The expected notes as `(id, text)`; `None` when `footnotes` is absent.
fn expected_notes(expected: &Value) -> Option<Vec<(String, String)>> {
    let notes = expected
        .get("footnotes")?
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    let field = |note: &Value, key| {
        note.get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    Some(
        notes
            .iter()
            .map(|n| (field(n, "id"), field(n, "text")))
            .collect(),
    )
}

/// Token F1 of note texts matched by id (the k-th note with an id against the
/// k-th with the same id); an id on one side only scores 0. The mean over the
/// union of ids, `None` when neither side has notes.
pub fn footnote_f1(expected: &[(String, String)], got: &[(String, String)]) -> Option<f64> {
    fn keyed(notes: &[(String, String)]) -> HashMap<(String, usize), &str> {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        notes
            .iter()
            .map(|(id, text)| {
                let id = id.trim();
                let nth = seen.entry(id).or_insert(0);
                *nth += 1;
                ((id.to_string(), *nth), text.as_str())
            })
            .collect()
    }
    let (expected, got) = (keyed(expected), keyed(got));
    let keys: BTreeSet<_> = expected.keys().chain(got.keys()).collect();
    mean(
        keys.into_iter()
            .map(|key| match (expected.get(key), got.get(key)) {
                (Some(e), Some(g)) => token_f1(e, g),
                _ => 0.0,
            }),
    )
}

/// Whether `needle` occurs in `haystack` not inside a longer word.
pub fn contains_line(haystack: &str, needle: &str) -> bool {
    let word_at = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let first = needle.chars().next();
    let last = needle.chars().next_back();
    !needle.is_empty()
        && haystack.match_indices(needle).any(|(start, m)| {
            let before = haystack[..start].chars().next_back();
            let after = haystack[start + m.len()..].chars().next();
            let cuts_word_start = word_at(first) && word_at(before);
            let cuts_word_end = word_at(last) && word_at(after);
            !(cuts_word_start || cuts_word_end)
        })
}

/// The word cap of a page with no article (`body_max_words`) and how many
/// words the body had.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BodyCap {
    /// Most words the body may have.
    pub max: u64,
    /// Words the body had (`\w+` runs, as the golden test counts them).
    pub words: u64,
}

impl BodyCap {
    /// The cap of an expected file and the found blocks; `None` when the file
    /// gives no `body_max_words`.
    pub fn of(expected: &Value, blocks: &[String]) -> Option<BodyCap> {
        let max = expected.get("body_max_words")?.as_u64()?;
        let words = blocks
            .iter()
            .map(|b| unchrome::document::count_words(b) as u64)
            .sum();
        Some(BodyCap { max, words })
    }

    /// Whether the body stayed within the cap.
    pub fn ok(self) -> bool {
        self.words <= self.max
    }

    /// `≤50 words: ok` or `≤50 words: failed`, for the table.
    pub fn label(self) -> String {
        let outcome = if self.ok() { "ok" } else { "failed" };
        format!("≤{} words: {outcome}", self.max)
    }
}

/// One scored case; `None` scores are fields the expected file leaves out.
#[derive(Debug)]
struct CaseResult {
    name: String,
    body_f1: Option<f64>,
    body_cap: Option<BodyCap>,
    title_ok: Option<bool>,
    author_ok: Option<bool>,
    date_ok: Option<bool>,
    bio_f1: Option<f64>,
    notes_expected: Option<usize>,
    notes_got: usize,
    note_f1: Option<f64>,
    not_in_body_listed: usize,
    violations: Vec<String>,
    expected_title: Option<String>,
    expected_author: Option<String>,
    expected_date: Option<String>,
    found: Found,
}

impl CaseResult {
    fn note_count_ok(&self) -> Option<bool> {
        self.notes_expected.map(|n| n == self.notes_got)
    }

    fn to_json(&self) -> Value {
        json!({
            "case": self.name,
            "body_f1": self.body_f1,
            "body_max_words": self.body_cap.map(|c| c.max),
            "body_words": self.body_cap.map(|c| c.words),
            "body_max_words_ok": self.body_cap.map(BodyCap::ok),
            "title_ok": self.title_ok,
            "author_ok": self.author_ok,
            "date_ok": self.date_ok,
            "author_bio_f1": self.bio_f1,
            "footnotes_expected": self.notes_expected,
            "footnotes_got": self.notes_got,
            "footnote_count_ok": self.note_count_ok(),
            "footnote_f1": self.note_f1,
            "not_in_body_listed": self.not_in_body_listed,
            "not_in_body_violations": self.violations,
            "expected_title": self.expected_title,
            "got_title": self.found.title,
            "expected_author": self.expected_author,
            "got_author": self.found.author,
        })
    }
}

/// Scores one case; `None` when its expected file is unusable.
fn score_case(case: &Case, oracle: bool, cleaner: &mut Cleaner) -> Option<CaseResult> {
    let expected = read_json(&case.expected)?;
    let found = if oracle {
        Found::from_expected(&expected)
    } else {
        read_bytes(&case.input)
            .and_then(|bytes| cleaner.clean(&case.input, bytes, case.format))
            .map(Found::from_page)
            .unwrap_or_default()
    };
    let title = opt_str_field(&expected, "title");
    let author = opt_str_field(&expected, "author");
    let suspect = expected.get("author_suspect").and_then(Value::as_bool) == Some(true);
    let notes = expected_notes(&expected);
    let body = found
        .blocks
        .iter()
        .map(|b| collapse_whitespace(b))
        .collect::<Vec<_>>();
    let not_in_body = str_list_field(&expected, "not_in_body");
    let listed: Vec<String> = not_in_body
        .iter()
        .map(|l| collapse_whitespace(l))
        .filter(|l| !l.is_empty())
        .collect();
    Some(CaseResult {
        name: case.name.clone(),
        body_f1: expected_blocks(&expected)
            .map(|b| token_f1(&b.join("\n\n"), &found.blocks.join("\n\n"))),
        body_cap: BodyCap::of(&expected, &found.blocks),
        title_ok: title.map(|t| {
            title_matches(
                t,
                &str_list_field(&expected, "title_alternatives"),
                found.title.as_deref(),
            )
        }),
        author_ok: author.filter(|_| !suspect).map(|a| {
            author_matches(
                a,
                &str_list_field(&expected, "author_alternatives"),
                found.author.as_deref(),
            )
        }),
        date_ok: opt_str_field(&expected, "date")
            .map(|d| d.map(str::trim) == found.date.as_deref().map(str::trim)),
        bio_f1: opt_str_field(&expected, "author_bio").map(|b| {
            token_f1(
                b.unwrap_or_default(),
                found.author_bio.as_deref().unwrap_or_default(),
            )
        }),
        notes_expected: notes.as_ref().map(Vec::len),
        notes_got: found.notes.len(),
        note_f1: notes.as_ref().and_then(|n| footnote_f1(n, &found.notes)),
        not_in_body_listed: listed.len(),
        violations: listed
            .into_iter()
            .filter(|l| body.iter().any(|b| contains_line(b, l)))
            .collect(),
        expected_title: title.flatten().map(str::to_string),
        expected_author: author.flatten().map(str::to_string),
        expected_date: opt_str_field(&expected, "date")
            .flatten()
            .map(str::to_string),
        found,
    })
}

/// The body column: the F1, else the word cap's outcome, else `n/a`.
fn body_cell(case: &CaseResult) -> String {
    match (case.body_f1, case.body_cap) {
        (None, Some(cap)) => cap.label(),
        (f1, _) => fmt_score(f1),
    }
}

/// Correct count and scored count of a yes/no outcome over the cases.
fn tally(cases: &[CaseResult], outcome: impl Fn(&CaseResult) -> Option<bool>) -> (usize, usize) {
    let scored: Vec<bool> = cases.iter().filter_map(outcome).collect();
    (scored.iter().filter(|&&ok| ok).count(), scored.len())
}

/// Scores the cases.
pub fn run(options: &Options) -> anyhow::Result<Report> {
    let mut cleaner = Cleaner::default();
    let mut results = Vec::new();
    let mut skipped = options.skipped;
    for case in &options.cases {
        match score_case(case, options.oracle, &mut cleaner) {
            Some(result) => results.push(result),
            None => {
                warn(format!("{}: no usable expected.json, skipped", case.name));
                skipped += 1;
            }
        }
    }
    Ok(report(options, &results, skipped, &cleaner))
}

/// Builds the report from the scored cases.
fn report(options: &Options, cases: &[CaseResult], skipped: usize, cleaner: &Cleaner) -> Report {
    // Cases capped by `body_max_words` and without `body` have no F1, so
    // they do not enter this mean; they are counted apart.
    let body_f1 = mean(cases.iter().filter_map(|c| c.body_f1));
    let body_cap = tally(cases, |c| c.body_cap.map(BodyCap::ok));
    let bio_f1 = mean(cases.iter().filter_map(|c| c.bio_f1));
    let note_f1 = mean(cases.iter().filter_map(|c| c.note_f1));
    let title = tally(cases, |c| c.title_ok);
    let author = tally(cases, |c| c.author_ok);
    let date = tally(cases, |c| c.date_ok);
    let note_count = tally(cases, CaseResult::note_count_ok);
    let listed: usize = cases.iter().map(|c| c.not_in_body_listed).sum();
    let violations: usize = cases.iter().map(|c| c.violations.len()).sum();
    let kept_out = rate(listed - violations, listed);

    let json = json!({
        "bench": options.section,
        "oracle": options.oracle,
        "cases": cases.len(),
        "skipped": skipped,
        "body_f1": body_f1,
        "body_max_words_ok": rate(body_cap.0, body_cap.1),
        "body_max_words_correct": body_cap.0, "body_max_words_scored": body_cap.1,
        "title": rate(title.0, title.1), "title_correct": title.0, "title_scored": title.1,
        "author": rate(author.0, author.1), "author_correct": author.0, "author_scored": author.1,
        "date": rate(date.0, date.1), "date_correct": date.0, "date_scored": date.1,
        "author_bio_f1": bio_f1,
        "footnote_count": rate(note_count.0, note_count.1),
        "footnote_count_correct": note_count.0, "footnote_count_scored": note_count.1,
        "footnote_f1": note_f1,
        "not_in_body_listed": listed,
        "not_in_body_violations": violations,
        "not_in_body_clean": kept_out,
        "timing": cleaner.to_json(),
        "per_case": cases.iter().map(CaseResult::to_json).collect::<Vec<_>>(),
    });

    let mut table = String::new();
    let oracle = if options.oracle { ORACLE_NOTE } else { "" };
    let _ = writeln!(
        table,
        "{}: {} cases, {skipped} skipped{oracle}",
        options.section,
        cases.len()
    );
    let _ = writeln!(
        table,
        "{:<32} {:<17} {:<5} {:<6} {:<4} {:<6} {:<11} {:<7} not_in_body",
        "case", "body F1", "title", "author", "date", "bio F1", "notes e/got", "note F1"
    );
    for c in cases {
        let notes = match c.notes_expected {
            Some(n) => format!("{} {n}/{}", mark(c.note_count_ok()), c.notes_got),
            None => format!("- -/{}", c.notes_got),
        };
        let _ = writeln!(
            table,
            "{:<32} {:<17} {:<5} {:<6} {:<4} {:<6} {:<11} {:<7} {}/{} in body",
            c.name,
            body_cell(c),
            mark(c.title_ok),
            mark(c.author_ok),
            mark(c.date_ok),
            fmt_score(c.bio_f1),
            notes,
            fmt_score(c.note_f1),
            c.violations.len(),
            c.not_in_body_listed
        );
    }
    let _ = writeln!(
        table,
        "\nbody token F1      {}  (cases with an expected body)",
        fmt_score(body_f1)
    );
    let _ = writeln!(
        table,
        "body word cap      {}  (no-article cases: body within body_max_words)",
        fmt_rate(body_cap.0, body_cap.1)
    );
    let _ = writeln!(table, "title exact        {}", fmt_rate(title.0, title.1));
    let _ = writeln!(table, "author exact       {}", fmt_rate(author.0, author.1));
    let _ = writeln!(table, "date exact         {}", fmt_rate(date.0, date.1));
    let _ = writeln!(table, "author bio F1      {}", fmt_score(bio_f1));
    let _ = writeln!(
        table,
        "footnote count     {}",
        fmt_rate(note_count.0, note_count.1)
    );
    let _ = writeln!(table, "footnote F1 by id  {}", fmt_score(note_f1));
    let _ = writeln!(
        table,
        "not_in_body        {violations} of {listed} listed lines found in the body (kept out: {})",
        fmt_score(kept_out)
    );
    let _ = writeln!(table, "{}", cleaner.line());
    for c in cases {
        let wrong = |ok: Option<bool>| ok == Some(false);
        let over_cap = c.body_cap.filter(|cap| !cap.ok());
        if !(wrong(c.title_ok)
            || wrong(c.author_ok)
            || wrong(c.date_ok)
            || over_cap.is_some()
            || !c.violations.is_empty())
        {
            continue;
        }
        let _ = writeln!(table, "\n{}:", c.name);
        if let Some(cap) = over_cap {
            let _ = writeln!(
                table,
                "  body   {} words in {} blocks, at most {} expected; first kept: {}",
                cap.words,
                c.found.blocks.len(),
                cap.max,
                show(c.found.blocks.first().map(String::as_str))
            );
        }
        if wrong(c.title_ok) {
            let _ = writeln!(
                table,
                "  title  expected {}  got {}",
                show(c.expected_title.as_deref()),
                show(c.found.title.as_deref())
            );
        }
        if wrong(c.author_ok) {
            let _ = writeln!(
                table,
                "  author expected {}  got {}",
                show(c.expected_author.as_deref()),
                show(c.found.author.as_deref())
            );
        }
        if wrong(c.date_ok) {
            let _ = writeln!(
                table,
                "  date   expected {}  got {}",
                show(c.expected_date.as_deref()),
                show(c.found.date.as_deref())
            );
        }
        for line in &c.violations {
            let _ = writeln!(table, "  in body: {}", show(Some(line)));
        }
    }

    Report {
        section: options.section.to_string(),
        metrics: vec![
            ("body_f1", body_f1),
            ("body_max_words_ok", rate(body_cap.0, body_cap.1)),
            ("title", rate(title.0, title.1)),
            ("author", rate(author.0, author.1)),
            ("date", rate(date.0, date.1)),
            ("author_bio_f1", bio_f1),
            ("footnote_count", rate(note_count.0, note_count.1)),
            ("footnote_f1", note_f1),
            ("not_in_body_clean", kept_out),
        ],
        json,
        table,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notes(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(i, t)| (i.to_string(), t.to_string()))
            .collect()
    }

    #[test]
    fn footnotes_matched_by_id() {
        let expected = notes(&[("1", "alpha beta"), ("2", "gamma")]);
        assert_eq!(footnote_f1(&expected, &expected), Some(1.0));
        // id 2 missing, id 3 extra: (1 + 0 + 0) / 3.
        let got = notes(&[("1", "alpha beta"), ("3", "gamma")]);
        assert_eq!(footnote_f1(&expected, &got), Some(1.0 / 3.0));
        assert_eq!(footnote_f1(&[], &[]), None);
        assert_eq!(footnote_f1(&[], &notes(&[("1", "x")])), Some(0.0));
    }

    #[test]
    fn body_cap_counts_words_of_all_blocks() {
        let expected = json!({"body_max_words": 5});
        let blocks = |texts: &[&str]| texts.iter().map(|t| t.to_string()).collect::<Vec<_>>();
        let cap = BodyCap::of(&expected, &blocks(&["Page not found", "Sorry."])).expect("capped");
        assert_eq!(cap, BodyCap { max: 5, words: 4 });
        assert!(cap.ok());
        assert_eq!(cap.label(), "≤5 words: ok");
        let over =
            BodyCap::of(&expected, &blocks(&["one two three", "four five six"])).expect("capped");
        assert!(!over.ok());
        assert_eq!(over.label(), "≤5 words: failed");
        assert_eq!(BodyCap::of(&json!({"body": []}), &blocks(&["x"])), None);
        // Exactly at the cap is within it; an empty body always is.
        assert!(BodyCap::of(&expected, &blocks(&["a b c d e"])).is_some_and(BodyCap::ok));
        assert!(BodyCap::of(&expected, &[]).is_some_and(BodyCap::ok));
    }

    #[test]
    fn lines_found_only_as_whole_words() {
        assert!(contains_line("Most Popular posts", "Most Popular"));
        assert!(!contains_line("Homepage", "Home"));
        assert!(contains_line("x - Advertisment - y", "- Advertisment -"));
        assert!(!contains_line("a 11.5 Celsius", "11.5 C"));
        assert!(!contains_line("anything", ""));
    }
}
