//! `batch-bench`: throughput and peak memory of the `unchrome` binary's batch
//! mode. Builds corpora of perturbed copies of a folder of pages (no two files
//! alike), then runs `unchrome CORPUS --out-dir OUT --jobs J` (or `--jsonl`
//! into /dev/null) under `/usr/bin/time -v` for each corpus size and job
//! count, interleaved (the order of job counts alternates between rounds),
//! and reports the median pages/s, the speed-up of the largest job count over
//! the first, and the peak resident set size, against the targets of issue 6.
//! Each run also reports the CPU time the rest of the machine used meanwhile
//! (from `/proc/stat`, less the run's own), so a busy machine shows.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use serde_json::{json, Value};

use crate::bench::median;
use crate::common::{require_dir, sorted_entries, warn, Report};
use crate::gnu_time::{self, unchrome_binary, KIB_PER_MIB, MAX_RSS_FIELD, TIME_BINARY};

/// Rounds measured when `--rounds` is not given.
pub const DEFAULT_ROUNDS: &str = "3";

/// Corpus sizes when `--pages` is not given.
pub const DEFAULT_PAGES: &str = "1000,10000";

/// Seconds to wait for an idle machine before each run, when `--wait-idle` is not given.
pub const DEFAULT_WAIT_IDLE_S: &str = "120";

/// Retries of a busy run when `--retries` is not given.
pub const DEFAULT_RETRIES: &str = "3";

/// Job counts when `--jobs` is not given.
pub const DEFAULT_JOBS: &str = "1,2";

/// Where the machine's CPU time is read from (Linux).
const PROC_STAT: &str = "/proc/stat";

/// Clock ticks per second of `/proc/stat` (USER_HZ, 100 on Linux).
const CLOCK_TICKS_PER_S: f64 = 100.0;

/// GNU time's lines with the run's own CPU time.
const USER_TIME_FIELD: &str = "User time (seconds):";
/// See [`USER_TIME_FIELD`].
const SYSTEM_TIME_FIELD: &str = "System time (seconds):";

/// Subfolder of a benchmark root that holds the pages.
const HTML_SUBDIR: &str = "html";

/// Extensions of the source files copied into the corpora.
const PAGE_EXTENSIONS: [&str; 2] = ["html", "htm"];

/// Target: the largest job count's throughput over `--jobs 1`.
const TARGET_SPEEDUP: f64 = 1.8;

/// Target: peak RSS at most this many MiB.
const TARGET_PEAK_RSS_MIB: f64 = 64.0;

/// Target: peak RSS of the largest corpus within this share of the smallest's.
const TARGET_RSS_GROWTH: f64 = 0.10;

/// Above this share of a run's wall time spent by other processes on the
/// CPU, the machine was busy and the run's numbers are suspect.
const BUSY_SHARE: f64 = 0.05;

/// How long the machine is watched before a run to see whether it is idle.
const IDLE_PROBE: Duration = Duration::from_secs(1);

/// Below this many busy cores during the probe, the machine counts as idle.
const IDLE_CORES: f64 = 0.1;

/// Flags of `unchrome-eval batch-bench`.
#[derive(Debug)]
pub struct Options {
    /// A folder of `.html` files, or a benchmark root holding `html/`.
    pub src: PathBuf,
    /// Corpus sizes, in pages.
    pub pages: Vec<usize>,
    /// Job counts to compare (the first is the baseline).
    pub jobs: Vec<usize>,
    /// Measured rounds.
    pub rounds: usize,
    /// The `unchrome` binary (default: beside this one).
    pub binary: Option<PathBuf>,
    /// Where the corpora and outputs go (default: a temporary folder, removed after).
    pub work_dir: Option<PathBuf>,
    /// JSON Lines into /dev/null instead of an output folder.
    pub jsonl: bool,
    /// Before each run, wait up to this long for the machine to be idle.
    pub wait_idle: Duration,
    /// Runs during which other processes were busy are measured again, at most this many times.
    pub retries: usize,
}

/// One measured run.
#[derive(Clone, Copy, Debug)]
struct Run {
    pages: usize,
    jobs: usize,
    seconds: f64,
    peak_rss_kib: u64,
    /// CPU seconds the run itself used (user and system).
    own_cpu_s: f64,
    /// CPU seconds the rest of the machine used during the run.
    other_cpu_s: f64,
}

impl Run {
    /// Whether other processes took more than [`BUSY_SHARE`] of the run's wall time.
    fn busy(&self) -> bool {
        self.other_cpu_s > BUSY_SHARE * self.seconds
    }
}

/// Builds the corpora, runs the rounds and reports.
pub fn run(options: &Options) -> anyhow::Result<Report> {
    if options.pages.is_empty() || options.jobs.is_empty() {
        bail!("--pages and --jobs need at least one value each");
    }
    let binary = unchrome_binary(options.binary.as_ref())?;
    let sources = load_sources(&options.src)?;
    let temp;
    let work = match &options.work_dir {
        Some(dir) => {
            std::fs::create_dir_all(dir)?;
            dir.clone()
        }
        None => {
            temp = tempfile::tempdir()?;
            temp.path().to_path_buf()
        }
    };
    let mut corpora = Vec::new();
    for &pages in &options.pages {
        let dir = work.join(format!("corpus-{pages}"));
        let started = Instant::now();
        let bytes = build_corpus(&sources, pages, &dir)?;
        eprintln!(
            "batch-bench: corpus of {pages} pages ({:.0} MB) in {:.1} s at {}",
            bytes as f64 / 1e6,
            started.elapsed().as_secs_f64(),
            dir.display()
        );
        corpora.push((pages, dir));
    }
    let mut runs = Vec::new();
    for round in 0..options.rounds {
        let mut jobs = options.jobs.clone();
        if round % 2 == 1 {
            jobs.reverse();
        }
        for (pages, corpus) in &corpora {
            for &j in &jobs {
                let out = work.join("out");
                let out = (!options.jsonl).then_some(out.as_path());
                let mut attempt = 0;
                let run = loop {
                    attempt += 1;
                    if !wait_for_idle(options.wait_idle) {
                        warn(format!(
                            "the machine stayed busy for {} s; measuring anyway",
                            options.wait_idle.as_secs()
                        ));
                    }
                    let run = run_once(&binary, corpus, out, *pages, j)?;
                    eprintln!(
                        "batch-bench: round {} pages {pages} jobs {j}: {:.2} s, {:.1} pages/s, peak RSS {:.1} MiB, own CPU {:.2} s, other CPU {:.2} s{}",
                        round + 1,
                        run.seconds,
                        *pages as f64 / run.seconds,
                        run.peak_rss_kib as f64 / KIB_PER_MIB,
                        run.own_cpu_s,
                        run.other_cpu_s,
                        if run.busy() { " (busy)" } else { "" }
                    );
                    if !run.busy() || attempt > options.retries {
                        break run;
                    }
                };
                runs.push(run);
            }
        }
    }
    Ok(report(options, &runs))
}

/// The source pages, sorted by path.
pub(crate) fn load_sources(src: &Path) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    require_dir(src)?;
    let dir = if src.join(HTML_SUBDIR).is_dir() {
        src.join(HTML_SUBDIR)
    } else {
        src.to_path_buf()
    };
    let mut sources = Vec::new();
    for path in sorted_entries(&dir)? {
        let is_page = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| PAGE_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)));
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if is_page && path.is_file() {
            let bytes = std::fs::read(&path).with_context(|| path.display().to_string())?;
            sources.push((name.to_string(), bytes));
        }
    }
    if sources.is_empty() {
        bail!("{}: no .html pages", dir.display());
    }
    Ok(sources)
}

/// Writes `pages` pages below `dir`: copy `k` of the sources in `dir/copyK/`,
/// each page ending in a comment naming its copy and number, so no two files
/// are alike. Returns the bytes written. An existing complete corpus is reused.
fn build_corpus(sources: &[(String, Vec<u8>)], pages: usize, dir: &Path) -> anyhow::Result<u64> {
    let mut bytes = 0u64;
    for i in 0..pages {
        let copy = i / sources.len();
        let (name, page) = &sources[i % sources.len()];
        let path = dir.join(format!("copy{copy:03}")).join(name);
        let mut perturbed = page.clone();
        perturbed.extend_from_slice(
            format!("\n<!-- unchrome batch-bench: copy {copy}, page {i} -->\n").as_bytes(),
        );
        bytes += perturbed.len() as u64;
        if std::fs::read(&path).is_ok_and(|old| old == perturbed) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, &perturbed).with_context(|| path.display().to_string())?;
    }
    Ok(bytes)
}

/// One timed run of the binary, into a fresh output folder or (`out` = None)
/// as JSON Lines into /dev/null.
fn run_once(
    binary: &Path,
    corpus: &Path,
    out: Option<&Path>,
    pages: usize,
    jobs: usize,
) -> anyhow::Result<Run> {
    if let Some(out) = out.filter(|o| o.exists()) {
        std::fs::remove_dir_all(out)?;
    }
    let mut command = Command::new(TIME_BINARY);
    command.arg("-v").arg(binary).arg(corpus);
    match out {
        Some(out) => command.arg("--out-dir").arg(out),
        None => command.arg("--jsonl").stdout(Stdio::null()),
    };
    command.arg("--jobs").arg(jobs.to_string()).arg("-q");
    let busy_before = machine_busy_s();
    let started = Instant::now();
    let output = command
        .output()
        .context("running unchrome under /usr/bin/time")?;
    let seconds = started.elapsed().as_secs_f64();
    let busy = machine_busy_s() - busy_before;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        bail!("unchrome failed ({}):\n{stderr}", output.status);
    }
    let expected = format!("unchrome: cleaned {pages}, failed 0, skipped 0 in ");
    if !stderr.lines().any(|l| l.starts_with(&expected)) {
        warn(format!("unexpected summary for {pages} pages:\n{stderr}"));
    }
    let field = |name: &str| {
        gnu_time::field(&stderr, name)
            .with_context(|| format!("no {name:?} in the output of time -v"))
    };
    let peak_rss_kib = field(MAX_RSS_FIELD)?.parse()?;
    let own_cpu_s: f64 =
        field(USER_TIME_FIELD)?.parse::<f64>()? + field(SYSTEM_TIME_FIELD)?.parse::<f64>()?;
    if let Some(out) = out {
        std::fs::remove_dir_all(out)?;
    }
    Ok(Run {
        pages,
        jobs,
        seconds,
        peak_rss_kib,
        own_cpu_s,
        other_cpu_s: (busy - own_cpu_s).max(0.0),
    })
}

/// Waits until the machine's cores are idle over one probe, for at most
/// `limit`; `false` when they never were.
fn wait_for_idle(limit: Duration) -> bool {
    let started = Instant::now();
    loop {
        let before = machine_busy_s();
        std::thread::sleep(IDLE_PROBE);
        let busy_cores = (machine_busy_s() - before) / IDLE_PROBE.as_secs_f64();
        // NaN (no /proc/stat) counts as idle: there is nothing to wait for.
        if busy_cores.is_nan() || busy_cores < IDLE_CORES {
            return true;
        }
        if started.elapsed() >= limit {
            return false;
        }
    }
}

/// CPU seconds the whole machine has spent busy (all cores), or NaN where the OS does not tell.
fn machine_busy_s() -> f64 {
    let Ok(stat) = std::fs::read_to_string(PROC_STAT) else {
        return f64::NAN;
    };
    let Some(line) = stat.lines().find(|l| l.starts_with("cpu ")) else {
        return f64::NAN;
    };
    // user nice system idle iowait irq softirq steal …: all but idle and iowait are busy.
    let ticks: Vec<f64> = line
        .split_whitespace()
        .skip(1)
        .filter_map(|v| v.parse().ok())
        .collect();
    let busy: f64 = ticks
        .iter()
        .enumerate()
        .filter(|(i, _)| !matches!(i, 3 | 4))
        .take(8)
        .map(|(_, v)| v)
        .sum();
    busy / CLOCK_TICKS_PER_S
}

/// Median pages/s and peak RSS (MiB) of the runs with `pages` and `jobs`.
fn medians(runs: &[Run], pages: usize, jobs: usize) -> Option<(f64, f64, f64)> {
    let chosen: Vec<&Run> = runs
        .iter()
        .filter(|r| r.pages == pages && r.jobs == jobs)
        .collect();
    let rates: Vec<f64> = chosen.iter().map(|r| r.pages as f64 / r.seconds).collect();
    let rss: Vec<f64> = chosen
        .iter()
        .map(|r| r.peak_rss_kib as f64 / KIB_PER_MIB)
        .collect();
    let max_rss = rss.iter().copied().fold(f64::NAN, f64::max);
    Some((median(&rates)?, median(&rss)?, max_rss))
}

fn report(options: &Options, runs: &[Run]) -> Report {
    let mut table = String::new();
    let mut rows = Vec::new();
    let _ = writeln!(
        table,
        "batch-bench: {} rounds, interleaved; unchrome CORPUS {} --jobs J -q",
        options.rounds,
        if options.jsonl {
            "--jsonl > /dev/null"
        } else {
            "--out-dir OUT"
        }
    );
    let _ = writeln!(
        table,
        "{:>7} {:>5} {:>12} {:>9} {:>15} {:>12}",
        "pages", "jobs", "pages/s", "speed-up", "peak RSS (MiB)", "max RSS"
    );
    let baseline = options.jobs[0];
    let top = options.jobs.iter().copied().max().unwrap_or(baseline);
    let mut verdicts = Vec::new();
    for &pages in &options.pages {
        let base = medians(runs, pages, baseline).map(|m| m.0);
        for &jobs in &options.jobs {
            let Some((rate, rss, max_rss)) = medians(runs, pages, jobs) else {
                continue;
            };
            let speedup = base.map(|b| rate / b);
            let _ = writeln!(
                table,
                "{pages:>7} {jobs:>5} {rate:>12.1} {:>9} {rss:>15.1} {max_rss:>12.1}",
                speedup.map_or("-".to_string(), |s| format!("{s:.2}x"))
            );
            rows.push(json!({"pages": pages, "jobs": jobs, "pages_per_s": rate,
                "speedup": speedup, "peak_rss_mib": rss, "max_peak_rss_mib": max_rss}));
            if jobs == top && jobs != baseline {
                if let Some(s) = speedup {
                    verdicts.push((format!("{pages} pages: --jobs {top} {s:.2}x --jobs {baseline} (target >= {TARGET_SPEEDUP}x)"), s >= TARGET_SPEEDUP));
                }
            }
        }
    }
    let worst_rss = runs
        .iter()
        .map(|r| r.peak_rss_kib as f64 / KIB_PER_MIB)
        .fold(0.0, f64::max);
    verdicts.push((
        format!("worst peak RSS {worst_rss:.1} MiB (target <= {TARGET_PEAK_RSS_MIB} MiB)"),
        worst_rss <= TARGET_PEAK_RSS_MIB,
    ));
    if let (Some(&small), Some(&large)) = (options.pages.iter().min(), options.pages.iter().max()) {
        for &jobs in &options.jobs {
            if let (Some(a), Some(b)) = (medians(runs, small, jobs), medians(runs, large, jobs)) {
                let growth = b.1 / a.1 - 1.0;
                verdicts.push((
                    format!("--jobs {jobs}: peak RSS {large} pages vs {small} pages {:+.1}% (target within {:.0}%)", growth * 100.0, TARGET_RSS_GROWTH * 100.0),
                    growth.abs() <= TARGET_RSS_GROWTH,
                ));
            }
        }
    }
    for (text, met) in &verdicts {
        let _ = writeln!(table, "{} {text}", if *met { "MET " } else { "MISS" });
    }
    let busy_runs = runs.iter().filter(|r| r.busy()).count();
    let max_other = runs.iter().map(|r| r.other_cpu_s).fold(0.0, f64::max);
    let _ = writeln!(
        table,
        "other processes' CPU during a run: at most {max_other:.2} s; {busy_runs} of {} runs above {:.0}% of their wall time{}",
        runs.len(),
        BUSY_SHARE * 100.0,
        if busy_runs > 0 { " (the machine was busy: those numbers are suspect)" } else { "" }
    );
    Report {
        section: "batch-bench".to_string(),
        metrics: Vec::new(),
        json: json!({
            "rounds": options.rounds,
            "rows": rows,
            "runs": runs.iter().map(|r| json!({"pages": r.pages, "jobs": r.jobs, "seconds": r.seconds,
                "peak_rss_kib": r.peak_rss_kib, "own_cpu_s": r.own_cpu_s, "other_cpu_s": r.other_cpu_s})).collect::<Vec<Value>>(),
            "targets": verdicts.iter().map(|(t, m)| json!({"target": t, "met": m})).collect::<Vec<Value>>(),
            "max_other_cpu_s": max_other,
            "mode": if options.jsonl { "jsonl" } else { "out-dir" },
        }),
        table,
    }
}
