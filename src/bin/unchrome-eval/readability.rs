//! The readability-dev benchmark: body token F1, title and author exact
//! rates, and the publication day, for real pages and for all pages, from
//! HTML or from page text.
//!
//! The day is scored on the pages whose `expected-metadata.json` states a
//! `publishedTime` (Readability's own reading of the page's metadata): the
//! found date must fall on the same calendar day as written there (the
//! first ten characters, `YYYY-MM-DD`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use unchrome::InputFormat;

use crate::common::{
    body_text, fmt_rate, fmt_score, mark, opt_str_field, rate, read_bytes, read_json, require_dir,
    show, sorted_entries, str_list_field, warn, worst_n, Cleaner, Report, ORACLE_NOTE,
};
use crate::metrics::{author_matches, mean, title_matches, token_f1};

/// Which file of each page is cleaned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// `source.html`, read as HTML.
    Html,
    /// `page.txt`, read as text.
    Text,
}

impl Mode {
    fn file_name(self) -> &'static str {
        match self {
            Mode::Html => "source.html",
            Mode::Text => "page.txt",
        }
    }

    fn format(self) -> InputFormat {
        match self {
            Mode::Html => InputFormat::Html,
            Mode::Text => InputFormat::Text,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Mode::Html => "html",
            Mode::Text => "text",
        }
    }
}

/// Flags of `unchrome-eval readability`.
#[derive(Debug)]
pub struct Options {
    /// The benchmark folder, one subfolder per page.
    pub dir: PathBuf,
    /// Which input to clean.
    pub mode: Mode,
    /// How many worst pages to list.
    pub worst: usize,
    /// Use the expected output as the prediction (checks the metrics).
    pub oracle: bool,
}

/// One scored page.
#[derive(Debug)]
struct PageResult {
    id: String,
    synthetic: bool,
    body_f1: f64,
    title_ok: bool,
    /// `None` when the expected author is suspect (not scored).
    author_ok: Option<bool>,
    /// `None` when the page states no publication date (not scored).
    date_ok: Option<bool>,
    expected_date: Option<String>,
    got_date: Option<String>,
    expected_title: Option<String>,
    got_title: Option<String>,
    expected_author: Option<String>,
    got_author: Option<String>,
}

impl PageResult {
    fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "synthetic": self.synthetic,
            "body_f1": self.body_f1,
            "title_ok": self.title_ok,
            "author_ok": self.author_ok,
            "date_ok": self.date_ok,
            "expected_date": self.expected_date,
            "got_date": self.got_date,
            "expected_title": self.expected_title,
            "got_title": self.got_title,
            "expected_author": self.expected_author,
            "got_author": self.got_author,
        })
    }
}

/// Scores of one group of pages (real or all).
#[derive(Debug, Default)]
struct Group {
    pages: usize,
    body_f1: Option<f64>,
    title_correct: usize,
    author_correct: usize,
    author_scored: usize,
    date_correct: usize,
    date_scored: usize,
}

impl Group {
    fn of<'a>(pages: impl Iterator<Item = &'a PageResult> + Clone) -> Group {
        Group {
            pages: pages.clone().count(),
            body_f1: mean(pages.clone().map(|p| p.body_f1)),
            title_correct: pages.clone().filter(|p| p.title_ok).count(),
            author_correct: pages.clone().filter(|p| p.author_ok == Some(true)).count(),
            author_scored: pages.clone().filter(|p| p.author_ok.is_some()).count(),
            date_correct: pages.clone().filter(|p| p.date_ok == Some(true)).count(),
            date_scored: pages.filter(|p| p.date_ok.is_some()).count(),
        }
    }

    fn title(&self) -> Option<f64> {
        rate(self.title_correct, self.pages)
    }

    fn author(&self) -> Option<f64> {
        rate(self.author_correct, self.author_scored)
    }

    fn date(&self) -> Option<f64> {
        rate(self.date_correct, self.date_scored)
    }

    fn to_json(&self) -> Value {
        json!({
            "pages": self.pages,
            "body_f1": self.body_f1,
            "title": self.title(),
            "title_correct": self.title_correct,
            "author": self.author(),
            "author_correct": self.author_correct,
            "author_scored": self.author_scored,
            "date": self.date(),
            "date_correct": self.date_correct,
            "date_scored": self.date_scored,
        })
    }
}

/// Length of the `YYYY-MM-DD` day at the start of an ISO date.
const DAY_LEN: usize = 10;

/// Scores one page folder; `None` when it has no usable `expected.json`.
fn score_page(dir: &Path, options: &Options, cleaner: &mut Cleaner) -> Option<PageResult> {
    let id = dir.file_name()?.to_string_lossy().into_owned();
    let expected = read_json(&dir.join("expected.json"))?;
    let expected_title = opt_str_field(&expected, "title").flatten();
    let expected_author = opt_str_field(&expected, "author").flatten();
    let expected_body = opt_str_field(&expected, "body")
        .flatten()
        .unwrap_or_default();
    let suspect = expected.get("author_suspect").and_then(Value::as_bool) == Some(true);
    let expected_date = read_json(&dir.join("expected-metadata.json"))
        .and_then(|m| {
            opt_str_field(&m, "publishedTime")
                .flatten()
                .map(str::to_string)
        })
        .filter(|d| d.len() >= DAY_LEN && d.is_char_boundary(DAY_LEN));

    let (got_title, got_author, got_date, got_body) = if options.oracle {
        (
            expected_title.map(str::to_string),
            expected_author.map(str::to_string),
            expected_date.clone(),
            expected_body.to_string(),
        )
    } else {
        let input = dir.join(options.mode.file_name());
        match read_bytes(&input).and_then(|b| cleaner.clean(&input, b, options.mode.format())) {
            Some(page) => {
                let body = body_text(&page);
                (page.title, page.author, page.date, body)
            }
            None => (None, None, None, String::new()),
        }
    };

    Some(PageResult {
        synthetic: expected.get("synthetic").and_then(Value::as_bool) == Some(true),
        body_f1: token_f1(expected_body, &got_body),
        title_ok: title_matches(
            expected_title,
            &str_list_field(&expected, "title_alternatives"),
            got_title.as_deref(),
        ),
        author_ok: (!suspect).then(|| {
            author_matches(
                expected_author,
                &str_list_field(&expected, "author_alternatives"),
                got_author.as_deref(),
            )
        }),
        date_ok: expected_date.as_deref().map(|want| {
            got_date
                .as_deref()
                .is_some_and(|got| got.get(..DAY_LEN) == want.get(..DAY_LEN))
        }),
        expected_date,
        got_date,
        expected_title: expected_title.map(str::to_string),
        expected_author: expected_author.map(str::to_string),
        got_title,
        got_author,
        id,
    })
}

/// Scores the benchmark in `options.dir`.
pub fn run(options: &Options) -> anyhow::Result<Report> {
    require_dir(&options.dir)?;
    let mut cleaner = Cleaner::default();
    let mut pages = Vec::new();
    let mut skipped = 0usize;
    for path in sorted_entries(&options.dir)? {
        if !path.is_dir() {
            continue;
        }
        match score_page(&path, options, &mut cleaner) {
            Some(page) => pages.push(page),
            None => {
                warn(format!(
                    "{}: no usable expected.json, skipped",
                    path.display()
                ));
                skipped += 1;
            }
        }
    }
    Ok(report(options, &pages, skipped, &cleaner))
}

/// Builds the report from the scored pages.
fn report(options: &Options, pages: &[PageResult], skipped: usize, cleaner: &Cleaner) -> Report {
    let real = Group::of(pages.iter().filter(|p| !p.synthetic));
    let all = Group::of(pages.iter());
    let worst = worst_n(pages, options.worst, |p| p.body_f1, |p| &p.id);
    let section = format!("readability-{}", options.mode.name());

    let json = json!({
        "bench": section,
        "dir": options.dir.display().to_string(),
        "input": options.mode.name(),
        "oracle": options.oracle,
        "skipped": skipped,
        "real": real.to_json(),
        "all": all.to_json(),
        "timing": cleaner.to_json(),
        "worst": worst.iter().map(|p| p.to_json()).collect::<Vec<_>>(),
        "per_page": pages.iter().map(PageResult::to_json).collect::<Vec<_>>(),
    });

    let mut table = String::new();
    let oracle = if options.oracle { ORACLE_NOTE } else { "" };
    let _ = writeln!(
        table,
        "readability {} (input: {}){oracle}\n{} pages ({} real, {} synthetic), {skipped} skipped",
        options.dir.display(),
        options.mode.name(),
        all.pages,
        real.pages,
        all.pages - real.pages,
    );
    let _ = writeln!(table, "{:<15} {:<18} all", "", "real");
    let _ = writeln!(
        table,
        "{:<15} {:<18} {}",
        "body token F1",
        fmt_score(real.body_f1),
        fmt_score(all.body_f1)
    );
    let _ = writeln!(
        table,
        "{:<15} {:<18} {}",
        "title exact",
        fmt_rate(real.title_correct, real.pages),
        fmt_rate(all.title_correct, all.pages)
    );
    let _ = writeln!(
        table,
        "{:<15} {:<18} {:<18} ({} author_suspect pages left out)",
        "author exact",
        fmt_rate(real.author_correct, real.author_scored),
        fmt_rate(all.author_correct, all.author_scored),
        all.pages - all.author_scored
    );
    let _ = writeln!(
        table,
        "{:<15} {:<18} {:<18} (pages whose metadata states publishedTime; same day)",
        "date (day)",
        fmt_rate(real.date_correct, real.date_scored),
        fmt_rate(all.date_correct, all.date_scored),
    );
    let _ = writeln!(table, "{}", cleaner.line());
    if !worst.is_empty() {
        let _ = writeln!(table, "\nworst {} pages by body F1:", worst.len());
        for page in &worst {
            let kind = if page.synthetic { "synthetic" } else { "real" };
            let _ = writeln!(table, "  {:.3}  {} ({kind})", page.body_f1, page.id);
            let _ = writeln!(
                table,
                "         title  {} expected {}  got {}",
                mark(Some(page.title_ok)),
                show(page.expected_title.as_deref()),
                show(page.got_title.as_deref())
            );
            let suspect = if page.author_ok.is_none() {
                " (suspect, not scored)"
            } else {
                ""
            };
            let _ = writeln!(
                table,
                "         author {} expected {}{suspect}  got {}",
                mark(page.author_ok),
                show(page.expected_author.as_deref()),
                show(page.got_author.as_deref())
            );
        }
    }

    Report {
        section,
        metrics: vec![
            ("body_f1_real", real.body_f1),
            ("body_f1_all", all.body_f1),
            ("title_real", real.title()),
            ("title_all", all.title()),
            ("author_real", real.author()),
            ("author_all", all.author()),
            ("date_real", real.date()),
            ("date_all", all.date()),
        ],
        json,
        table,
    }
}
