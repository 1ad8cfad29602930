//! Plumbing shared by the benchmark commands: reading files with errors
//! reported and skipped, timed cleaning, and the report every command returns.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use serde_json::{json, Value};
use unchrome::{Config, Input, InputFormat, Origin, Page};

use crate::metrics::collapse_whitespace;

/// Bytes in a megabyte for throughput figures (decimal, as `MB/s` usually is).
pub const BYTES_PER_MB: f64 = 1_000_000.0;

/// Longest quoted string shown in a table before it is clipped.
pub const CLIP_CHARS: usize = 70;

/// What a command hands back to `main`: its floor section and metrics, a
/// machine-readable summary and a table for people.
#[derive(Debug)]
pub struct Report {
    /// Section of the floors file that applies (`scrapinghub`, `readability-text`, …).
    pub section: String,
    /// The metrics floors may name, each higher-is-better; `None` when undefined.
    pub metrics: Vec<(&'static str, Option<f64>)>,
    /// The summary printed under `--json`.
    pub json: Value,
    /// The table printed otherwise.
    pub table: String,
}

/// Heading note of a run whose predictions are the expected outputs.
pub const ORACLE_NOTE: &str = " [oracle: prediction = expected]";

/// The `n` items with the lowest score, ties broken by id.
pub fn worst_n<T>(
    items: &[T],
    n: usize,
    score: impl Fn(&T) -> f64,
    id: impl Fn(&T) -> &str,
) -> Vec<&T> {
    let mut sorted: Vec<&T> = items.iter().collect();
    sorted.sort_by(|a, b| score(a).total_cmp(&score(b)).then(id(a).cmp(id(b))));
    sorted.truncate(n);
    sorted
}

/// Prints a problem with one page on stderr; the run goes on.
pub fn warn(message: impl std::fmt::Display) {
    eprintln!("unchrome-eval: {message}");
}

/// Fails unless `path` is a directory (a usage error for the caller).
pub fn require_dir(path: &Path) -> anyhow::Result<()> {
    if !path.is_dir() {
        bail!("{}: not a directory", path.display());
    }
    Ok(())
}

/// The entries of `dir`, sorted by path.
pub fn sorted_entries(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut paths = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot list", dir.display()))?
        .filter_map(|entry| match entry {
            Ok(entry) => Some(entry.path()),
            Err(e) => {
                warn(format!("{}: {e}", dir.display()));
                None
            }
        })
        .collect::<Vec<_>>();
    paths.sort();
    Ok(paths)
}

/// Reads a file, reporting a failure on stderr.
pub fn read_bytes(path: &Path) -> Option<Vec<u8>> {
    std::fs::read(path)
        .map_err(|e| warn(format!("{}: {e}", path.display())))
        .ok()
}

/// Reads and parses a JSON file, reporting a failure on stderr.
pub fn read_json(path: &Path) -> Option<Value> {
    let bytes = read_bytes(path)?;
    serde_json::from_slice(&bytes)
        .map_err(|e| warn(format!("{}: malformed JSON: {e}", path.display())))
        .ok()
}

/// A string field of an expected-output object: `None` when absent,
/// `Some(None)` when null (or not a string), `Some(Some(text))` otherwise.
pub fn opt_str_field<'a>(value: &'a Value, key: &str) -> Option<Option<&'a str>> {
    value.get(key).map(Value::as_str)
}

/// A list-of-strings field; absent, null or non-string items give nothing.
pub fn str_list_field(value: &Value, key: &str) -> Vec<String> {
    value
        .get(key)
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// The body of a page as one text, blocks separated by blank lines.
pub fn body_text(page: &Page) -> String {
    page.body
        .iter()
        .map(|block| block.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Runs `clean_input` and adds up the time spent in it alone.
#[derive(Debug, Default)]
pub struct Cleaner {
    elapsed: Duration,
    calls: usize,
    bytes: u64,
    errors: usize,
}

impl Cleaner {
    /// Cleans one page read from `path` (already in memory) as `format`.
    /// An error is reported on stderr and yields `None`.
    pub fn clean(&mut self, path: &Path, bytes: Vec<u8>, format: InputFormat) -> Option<Page> {
        let config = Config {
            input_format: format,
            ..Config::default()
        };
        self.bytes += bytes.len() as u64;
        let input = Input {
            origin: Origin::File(path.to_path_buf()),
            bytes,
            content_type: None,
        };
        let start = Instant::now();
        let result = unchrome::clean_input(&input, &config);
        self.elapsed += start.elapsed();
        self.calls += 1;
        result
            .map_err(|e| {
                self.errors += 1;
                warn(format!("clean failed: {e}"));
            })
            .ok()
    }

    fn seconds(&self) -> f64 {
        self.elapsed.as_secs_f64()
    }

    fn rate(&self, amount: f64) -> Option<f64> {
        (self.seconds() > 0.0).then(|| amount / self.seconds())
    }

    /// The timing as JSON.
    pub fn to_json(&self) -> Value {
        json!({
            "pages": self.calls,
            "errors": self.errors,
            "bytes": self.bytes,
            "seconds": self.seconds(),
            "pages_per_s": self.rate(self.calls as f64),
            "mb_per_s": self.rate(self.bytes as f64 / BYTES_PER_MB),
        })
    }

    /// One line for the table.
    pub fn line(&self) -> String {
        if self.calls == 0 {
            return "clean time: nothing cleaned".to_string();
        }
        format!(
            "clean time {:.3} s for {} pages ({:.1} MB, {} errors): {} pages/s, {} MB/s (clean_input only, one thread)",
            self.seconds(),
            self.calls,
            self.bytes as f64 / BYTES_PER_MB,
            self.errors,
            fmt_num(self.rate(self.calls as f64), 1),
            fmt_num(self.rate(self.bytes as f64 / BYTES_PER_MB), 2),
        )
    }
}

/// A number with `decimals` places, or `n/a`.
pub fn fmt_num(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(|| "n/a".to_string(), |v| format!("{v:.decimals$}"))
}

/// A score with three decimals, or `n/a`.
pub fn fmt_score(value: Option<f64>) -> String {
    fmt_num(value, 3)
}

/// `correct / total` as a rate, `None` when nothing was scored.
pub fn rate(correct: usize, total: usize) -> Option<f64> {
    (total > 0).then(|| correct as f64 / total as f64)
}

/// A rate with its counts: `0.750 (3/4)`.
pub fn fmt_rate(correct: usize, total: usize) -> String {
    format!("{} ({correct}/{total})", fmt_score(rate(correct, total)))
}

/// A string for a table: quoted, one line, clipped; `null` for none.
pub fn show(text: Option<&str>) -> String {
    match text {
        None => "null".to_string(),
        Some(text) => {
            let flat = collapse_whitespace(text);
            let mut clipped: String = flat.chars().take(CLIP_CHARS).collect();
            if clipped.len() < flat.len() {
                clipped.push('…');
            }
            format!("{clipped:?}")
        }
    }
}

/// `✓`, `✗` or `-` (not scored).
pub fn mark(outcome: Option<bool>) -> &'static str {
    match outcome {
        Some(true) => "✓",
        Some(false) => "✗",
        None => "-",
    }
}
