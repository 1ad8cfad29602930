//! `bench`: throughput of full extraction against a parse-only baseline
//! (`scraper::Html::parse_document` plus a walk over the text nodes) on the
//! same pages in the same process, interleaved, median over rounds.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::bail;
use serde_json::{json, Value};
use unchrome::{Config, Input, InputFormat, Origin};

use crate::common::{fmt_num, read_bytes, require_dir, sorted_entries, warn, Report, BYTES_PER_MB};

/// Rounds measured when `--rounds` is not given.
pub const DEFAULT_ROUNDS: &str = "5";

/// Extensions of the files read as pages.
const PAGE_EXTENSIONS: [&str; 2] = ["html", "htm"];

/// Subfolder of a benchmark root that holds the pages.
const HTML_SUBDIR: &str = "html";

/// Where the peak resident set size is read from (Linux).
const PROC_STATUS: &str = "/proc/self/status";

/// The line of [`PROC_STATUS`] with the peak resident set size.
const PEAK_RSS_FIELD: &str = "VmHWM:";

/// Bytes in a kibibyte (`/proc` reports `kB` meaning 1024 bytes).
const BYTES_PER_KIB: u64 = 1024;

/// Bytes in a mebibyte, for the peak RSS line.
const BYTES_PER_MIB: f64 = 1_048_576.0;

/// Spread of one side's rounds (slowest less fastest, over the median)
/// above which the run is called noisy: on a quiet machine the rounds of
/// either side agree within a few percent.
const NOISY_SPREAD: f64 = 0.10;

/// Flags of `unchrome-eval bench`.
#[derive(Debug)]
pub struct Options {
    /// A folder of `.html` files, or a benchmark root holding `html/`.
    pub dir: PathBuf,
    /// Measured rounds (at least one).
    pub rounds: usize,
}

/// One page held in memory: its raw bytes for extraction and its decoded text
/// for the parse-only side.
#[derive(Debug)]
struct BenchPage {
    input: Input,
    text: String,
}

/// Which side ran first in a round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum First {
    ParseOnly,
    Extraction,
}

impl First {
    /// Parse-only first in even rounds, extraction first in odd ones.
    fn of_round(round: usize) -> First {
        if round % 2 == 0 {
            First::ParseOnly
        } else {
            First::Extraction
        }
    }

    fn name(self) -> &'static str {
        match self {
            First::ParseOnly => "parse-only",
            First::Extraction => "extraction",
        }
    }
}

/// The timings of one measured round.
#[derive(Clone, Copy, Debug)]
struct Round {
    first: First,
    parse_s: f64,
    extract_s: f64,
}

/// What the summed outputs of a pass came to; printed so the work cannot be
/// optimised away, and compared between rounds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Checksums {
    /// Bytes of text in all text nodes (parse-only).
    text_bytes: u64,
    /// Body blocks of all pages (extraction).
    body_blocks: u64,
    /// Pages whose extraction failed.
    errors: u64,
}

/// Median, min and max of one side's per-round throughput.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Throughput {
    /// Median pages per second over rounds.
    pub pages_per_s: f64,
    /// Median megabytes (10⁶ bytes) per second over rounds.
    pub mb_per_s: f64,
    /// Slowest round, pages per second.
    pub min_pages_per_s: f64,
    /// Fastest round, pages per second.
    pub max_pages_per_s: f64,
    /// Slowest round, megabytes per second.
    pub min_mb_per_s: f64,
    /// Fastest round, megabytes per second.
    pub max_mb_per_s: f64,
    /// Median seconds per round.
    pub seconds: f64,
    /// How far the rounds disagree ([`spread`]).
    pub spread: f64,
}

impl Throughput {
    fn to_json(self) -> Value {
        json!({
            "pages_per_s": self.pages_per_s,
            "mb_per_s": self.mb_per_s,
            "min_pages_per_s": self.min_pages_per_s,
            "max_pages_per_s": self.max_pages_per_s,
            "min_mb_per_s": self.min_mb_per_s,
            "max_mb_per_s": self.max_mb_per_s,
            "median_seconds": self.seconds,
        })
    }
}

/// The median of `values` (the mean of the two middle ones for an even
/// count); `None` when empty. NaNs sort last and are not expected.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let mid = n / 2;
    match n {
        0 => None,
        _ if n % 2 == 1 => sorted.get(mid).copied(),
        _ => Some((sorted.get(mid - 1)? + sorted.get(mid)?) / 2.0),
    }
}

/// Smallest and largest of `values`; `None` when empty.
pub fn min_max(values: &[f64]) -> Option<(f64, f64)> {
    let mut it = values.iter().copied();
    let first = it.next()?;
    Some(it.fold((first, first), |(lo, hi), v| (lo.min(v), hi.max(v))))
}

/// How far one side's rounds disagree: the slowest less the fastest, over
/// the median; `None` without rounds or with a median of no time.
pub fn spread(seconds: &[f64]) -> Option<f64> {
    let (fastest, slowest) = min_max(seconds)?;
    let median = median(seconds)?;
    (median > 0.0).then(|| (slowest - fastest) / median)
}

/// Throughput of one side from its per-round seconds; `None` when there are
/// no rounds or a round took no measurable time.
pub fn throughput(seconds: &[f64], pages: usize, bytes: u64) -> Option<Throughput> {
    if seconds.iter().any(|&s| s <= 0.0) {
        return None;
    }
    let mb = bytes as f64 / BYTES_PER_MB;
    let pages_per_s: Vec<f64> = seconds.iter().map(|s| pages as f64 / s).collect();
    let mb_per_s: Vec<f64> = seconds.iter().map(|s| mb / s).collect();
    let (min_pages_per_s, max_pages_per_s) = min_max(&pages_per_s)?;
    let (min_mb_per_s, max_mb_per_s) = min_max(&mb_per_s)?;
    Some(Throughput {
        pages_per_s: median(&pages_per_s)?,
        mb_per_s: median(&mb_per_s)?,
        min_pages_per_s,
        max_pages_per_s,
        min_mb_per_s,
        max_mb_per_s,
        seconds: median(seconds)?,
        spread: spread(seconds)?,
    })
}

/// The peak resident set size in bytes from the text of `/proc/self/status`;
/// `None` when the `VmHWM:` line is missing or malformed.
pub fn parse_peak_rss(status: &str) -> Option<u64> {
    let line = status
        .lines()
        .find_map(|l| l.strip_prefix(PEAK_RSS_FIELD))?;
    let mut fields = line.split_whitespace();
    let kib: u64 = fields.next()?.parse().ok()?;
    match fields.next() {
        Some("kB") => kib.checked_mul(BYTES_PER_KIB),
        _ => None,
    }
}

/// The peak resident set size of this process, where the OS tells it.
fn peak_rss() -> Option<u64> {
    std::fs::read_to_string(PROC_STATUS)
        .ok()
        .as_deref()
        .and_then(parse_peak_rss)
}

/// The folder holding the pages: `dir/html` when it exists, else `dir`.
fn page_dir(dir: &Path) -> anyhow::Result<PathBuf> {
    require_dir(dir)?;
    let sub = dir.join(HTML_SUBDIR);
    Ok(if sub.is_dir() { sub } else { dir.to_path_buf() })
}

/// Reads and decodes every page (untimed). A page that cannot be read or
/// decoded is reported and left out of both sides.
fn load_pages(dir: &Path) -> anyhow::Result<Vec<BenchPage>> {
    let mut pages = Vec::new();
    for path in sorted_entries(dir)? {
        let is_page = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| PAGE_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)));
        if !is_page || !path.is_file() {
            continue;
        }
        let Some(bytes) = read_bytes(&path) else {
            continue;
        };
        let decoded = unchrome::decode::decode(&bytes, None, InputFormat::Html)
            .map(|decoded| decoded.text.into_owned());
        match decoded {
            Ok(text) => pages.push(BenchPage {
                input: Input {
                    origin: Origin::File(path),
                    bytes,
                    content_type: None,
                },
                text,
            }),
            Err(e) => warn(format!("{}: {e}; left out", path.display())),
        }
    }
    if pages.is_empty() {
        bail!("{}: no readable .html pages", dir.display());
    }
    Ok(pages)
}

/// One parse-only pass: parse each decoded text and sum its text nodes.
fn parse_pass(pages: &[BenchPage]) -> Checksums {
    let mut text_bytes = 0u64;
    for page in pages {
        let html = scraper::Html::parse_document(black_box(&page.text));
        text_bytes += html
            .root_element()
            .text()
            .map(|t| t.len() as u64)
            .sum::<u64>();
    }
    Checksums {
        text_bytes: black_box(text_bytes),
        ..Checksums::default()
    }
}

/// One extraction pass: `clean_input` on each page's raw bytes.
fn extract_pass(pages: &[BenchPage], config: &Config) -> Checksums {
    let mut sums = Checksums::default();
    for page in pages {
        match unchrome::clean_input(black_box(&page.input), config) {
            Ok(page) => sums.body_blocks += page.body.len() as u64,
            Err(_) => sums.errors += 1,
        }
    }
    black_box(sums)
}

/// Seconds taken by `f`, and what it returned.
fn timed<T>(f: impl FnOnce() -> T) -> (f64, T) {
    let start = Instant::now();
    let out = f();
    (start.elapsed().as_secs_f64(), out)
}

/// Runs the benchmark.
pub fn run(options: &Options) -> anyhow::Result<Report> {
    let dir = page_dir(&options.dir)?;
    let pages = load_pages(&dir)?;
    let config = Config {
        input_format: InputFormat::Html,
        ..Config::default()
    };
    let total_bytes: u64 = pages.iter().map(|p| p.input.bytes.len() as u64).sum();

    // Warm-up, untimed: caches, lazily built regexes and DFAs.
    let parse_sums = parse_pass(&pages);
    let extract_sums = extract_pass(&pages, &config);
    if extract_sums.errors > 0 {
        warn(format!(
            "{} of {} pages failed to extract (they still count in the timing)",
            extract_sums.errors,
            pages.len()
        ));
    }

    let mut rounds = Vec::with_capacity(options.rounds);
    for round in 0..options.rounds {
        let first = First::of_round(round);
        let (parse, extract) = match first {
            First::ParseOnly => {
                let parse = timed(|| parse_pass(&pages));
                (parse, timed(|| extract_pass(&pages, &config)))
            }
            First::Extraction => {
                let extract = timed(|| extract_pass(&pages, &config));
                (timed(|| parse_pass(&pages)), extract)
            }
        };
        if parse.1 != parse_sums || extract.1 != extract_sums {
            warn(format!(
                "round {}: outputs differ from the warm-up round",
                round + 1
            ));
        }
        rounds.push(Round {
            first,
            parse_s: parse.0,
            extract_s: extract.0,
        });
    }

    let summary = Summary {
        dir,
        pages: pages.len(),
        total_bytes,
        parse_sums,
        extract_sums,
        rounds,
        peak_rss: peak_rss(),
    };
    Ok(summary.report())
}

/// Everything measured, ready to print.
#[derive(Debug)]
struct Summary {
    dir: PathBuf,
    pages: usize,
    total_bytes: u64,
    parse_sums: Checksums,
    extract_sums: Checksums,
    rounds: Vec<Round>,
    peak_rss: Option<u64>,
}

impl Summary {
    fn side(&self, seconds: impl Fn(&Round) -> f64) -> Option<Throughput> {
        let seconds: Vec<f64> = self.rounds.iter().map(seconds).collect();
        throughput(&seconds, self.pages, self.total_bytes)
    }

    fn report(&self) -> Report {
        let parse = self.side(|r| r.parse_s);
        let extract = self.side(|r| r.extract_s);
        // Extraction throughput as a share of parse-only throughput, from the medians.
        let ratio = match (parse, extract) {
            (Some(p), Some(e)) if p.pages_per_s > 0.0 => Some(e.pages_per_s / p.pages_per_s),
            _ => None,
        };
        let slowdown = ratio.filter(|r| *r > 0.0).map(|r| 1.0 / r);
        let parse_spread = parse.map(|p| p.spread);
        let extract_spread = extract.map(|e| e.spread);
        let noisy = [parse_spread, extract_spread]
            .iter()
            .any(|s| s.is_some_and(|s| s > NOISY_SPREAD));
        let mb = self.total_bytes as f64 / BYTES_PER_MB;
        let rss_mib = self.peak_rss.map(|b| b as f64 / BYTES_PER_MIB);

        let json = json!({
            "bench": "bench",
            "dir": self.dir.display().to_string(),
            "pages": self.pages,
            "bytes": self.total_bytes,
            "rounds": self.rounds.len(),
            "threads": 1,
            "parse_only": parse.map(Throughput::to_json),
            "extraction": extract.map(Throughput::to_json),
            "ratio_extraction_to_parse_only": ratio,
            "extraction_time_over_parse_only": slowdown,
            "round_spread": {
                "parse_only": parse_spread,
                "extraction": extract_spread,
                "noisy_above": NOISY_SPREAD,
                "noisy": noisy,
            },
            "parse_only_text_bytes": self.parse_sums.text_bytes,
            "extraction_body_blocks": self.extract_sums.body_blocks,
            "extraction_errors": self.extract_sums.errors,
            "peak_rss_bytes": self.peak_rss,
            "per_round": self.rounds.iter().enumerate().map(|(i, r)| json!({
                "round": i + 1,
                "first": r.first.name(),
                "parse_only_s": r.parse_s,
                "extraction_s": r.extract_s,
            })).collect::<Vec<_>>(),
            "notes": [
                "parse-only = scraper::Html::parse_document on the already decoded String + a walk summing text-node lengths; decoding is outside its timing",
                "extraction = unchrome::clean_input on the raw bytes (input_format html), decoding included",
                "one untimed warm-up round of each side; sides alternate which runs first; one thread",
                "peak_rss_bytes is VmHWM of the whole process, all pages held in memory (raw and decoded) included",
            ],
        });

        let mut t = String::new();
        let _ = writeln!(
            t,
            "bench {}\n{} pages, {} bytes ({mb:.1} MB), {} measured rounds after 1 warm-up, one thread",
            self.dir.display(),
            self.pages,
            self.total_bytes,
            self.rounds.len()
        );
        let _ = writeln!(
            t,
            "{:<12} {:>10} {:>18} {:>9} {:>16} {:>10}",
            "side", "pages/s", "(min–max)", "MB/s", "(min–max)", "median s"
        );
        for (name, side) in [("parse-only", parse), ("extraction", extract)] {
            match side {
                Some(s) => {
                    let _ = writeln!(
                        t,
                        "{name:<12} {:>10.1} {:>18} {:>9.2} {:>16} {:>10.3}",
                        s.pages_per_s,
                        format!("({:.1}–{:.1})", s.min_pages_per_s, s.max_pages_per_s),
                        s.mb_per_s,
                        format!("({:.2}–{:.2})", s.min_mb_per_s, s.max_mb_per_s),
                        s.seconds
                    );
                }
                None => {
                    let _ = writeln!(t, "{name:<12} n/a (no measurable time)");
                }
            }
        }
        let _ = writeln!(
            t,
            "ratio extraction/parse-only (median pages/s): {}  (extraction takes {}× the parse-only time)",
            fmt_num(ratio, 3),
            fmt_num(slowdown, 2)
        );
        if noisy {
            let _ = writeln!(
                t,
                "noisy run: the rounds of a side disagree by more than {:.0}% (parse-only {}%, extraction {}%); something else took the CPU, so the ratio says little: run it again when the machine is quiet",
                NOISY_SPREAD * 100.0,
                fmt_num(parse_spread.map(|s| s * 100.0), 0),
                fmt_num(extract_spread.map(|s| s * 100.0), 0)
            );
        }
        let _ = writeln!(t, "\nper round (seconds):");
        for (i, r) in self.rounds.iter().enumerate() {
            let _ = writeln!(
                t,
                "  {:>2}  parse-only {:.3}  extraction {:.3}  ({} first)",
                i + 1,
                r.parse_s,
                r.extract_s,
                r.first.name()
            );
        }
        let _ = writeln!(
            t,
            "\nparse-only: scraper::Html::parse_document on the decoded String + text-node walk (decoding not timed); text bytes walked per round: {}",
            self.parse_sums.text_bytes
        );
        let _ = writeln!(
            t,
            "extraction: unchrome::clean_input on the raw bytes, decoding included; body blocks per round: {}, errors: {}",
            self.extract_sums.body_blocks, self.extract_sums.errors
        );
        let _ = writeln!(
            t,
            "peak RSS (VmHWM): {} MiB (whole process, all pages held in memory raw and decoded)",
            fmt_num(rss_mib, 1)
        );

        Report {
            section: "bench".to_string(),
            metrics: vec![
                ("parse_only_pages_per_s", parse.map(|s| s.pages_per_s)),
                ("extraction_pages_per_s", extract.map(|s| s.pages_per_s)),
                ("extraction_mb_per_s", extract.map(|s| s.mb_per_s)),
                ("ratio", ratio),
            ],
            json,
            table: t,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_even_and_empty() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[7.0]), Some(7.0));
        assert_eq!(median(&[]), None);
        // Five rounds, one outlier: the outlier does not move the median.
        assert_eq!(median(&[10.0, 11.0, 100.0, 9.0, 10.5]), Some(10.5));
    }

    #[test]
    fn min_max_of_values() {
        assert_eq!(min_max(&[2.0, -1.0, 5.0]), Some((-1.0, 5.0)));
        assert_eq!(min_max(&[]), None);
    }

    #[test]
    fn throughput_takes_medians_of_rates() {
        // 10 pages, 2 MB; rounds of 1 s, 2 s, 4 s → 10, 5, 2.5 pages/s.
        let t = throughput(&[1.0, 4.0, 2.0], 10, 2_000_000).expect("defined");
        assert_eq!(t.pages_per_s, 5.0);
        assert_eq!(t.mb_per_s, 1.0);
        assert_eq!((t.min_pages_per_s, t.max_pages_per_s), (2.5, 10.0));
        assert_eq!((t.min_mb_per_s, t.max_mb_per_s), (0.5, 2.0));
        assert_eq!(t.seconds, 2.0);
        assert_eq!(t.spread, (4.0 - 1.0) / 2.0);
        assert_eq!(throughput(&[], 10, 1), None);
        assert_eq!(throughput(&[1.0, 0.0], 10, 1), None);
    }

    #[test]
    fn spread_is_the_rounds_range_over_their_median() {
        assert_eq!(spread(&[1.0, 1.1, 0.9]), Some((1.1 - 0.9) / 1.0));
        assert_eq!(spread(&[2.0]), Some(0.0));
        assert_eq!(spread(&[]), None);
        assert_eq!(spread(&[0.0, 0.0, 0.0]), None);
        // Five quiet rounds are not noisy; one slow round of five is.
        assert!(spread(&[0.250, 0.252, 0.255, 0.251, 0.253]).is_some_and(|s| s <= NOISY_SPREAD));
        assert!(spread(&[0.250, 0.252, 0.330, 0.251, 0.253]).is_some_and(|s| s > NOISY_SPREAD));
    }

    #[test]
    fn peak_rss_read_from_status() {
        let status =
            "Name:\tunchrome-eval\nVmPeak:\t  200 kB\nVmHWM:\t   1500 kB\nVmRSS:\t 1000 kB\n";
        assert_eq!(parse_peak_rss(status), Some(1500 * 1024));
        assert_eq!(parse_peak_rss("VmRSS:\t1 kB\n"), None);
        assert_eq!(parse_peak_rss("VmHWM:\tlots kB\n"), None);
    }

    #[test]
    fn rounds_alternate_which_side_goes_first() {
        assert_eq!(First::of_round(0), First::ParseOnly);
        assert_eq!(First::of_round(1), First::Extraction);
        assert_eq!(First::of_round(2), First::ParseOnly);
    }
}
