//! `hostile`: the hostile inputs of issue 8 (`hostile_inputs`), each written
//! to a temporary folder and cleaned by the `unchrome` binary under
//! `/usr/bin/time -v`, one at a time. Prints, per input, the wall time, the
//! peak resident set size, the exit status and the outcome (the limit the
//! page reports, or the error kind), and whether it met the targets: the
//! exit status and outcome expected, at most 10 s and 256 MiB.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::Context;
use serde_json::{json, Value};

use crate::common::Report;
use crate::gnu_time::{self, unchrome_binary, KIB_PER_MIB, MAX_RSS_FIELD, TIME_BINARY};
use crate::hostile_inputs::{self, Expect, Hostile};

/// Target: wall time per input.
const MAX_SECONDS: f64 = 10.0;
/// Target: peak resident set size per input, in KiB (256 MiB).
const MAX_RSS_KIB: u64 = 256 * 1024;
/// A run is killed after this long (well past the target, so it shows as missed).
const KILL_AFTER: Duration = Duration::from_secs(120);

/// What `hostile` needs.
pub struct Options {
    /// The unchrome binary; beside unchrome-eval when `None`.
    pub binary: Option<PathBuf>,
}

/// One measured input.
struct Run {
    name: &'static str,
    seconds: f64,
    peak_rss_kib: u64,
    exit: Option<i32>,
    outcome: String,
    expected: bool,
}

impl Run {
    fn within_targets(&self) -> bool {
        self.expected && self.seconds <= MAX_SECONDS && self.peak_rss_kib <= MAX_RSS_KIB
    }
}

/// Runs every hostile input and reports the table.
pub fn run(options: &Options) -> anyhow::Result<Report> {
    let binary = unchrome_binary(options.binary.as_ref())?;
    let mut runs = Vec::new();
    for hostile in hostile_inputs::all() {
        let dir = tempfile::tempdir()?;
        let input = hostile
            .write(dir.path())
            .with_context(|| format!("writing {}", hostile.file))?;
        let run = run_one(&binary, &hostile, &input, dir.path())?;
        eprintln!(
            "hostile: {}: {:.2} s, {:.1} MiB, exit {}, {}",
            run.name,
            run.seconds,
            run.peak_rss_kib as f64 / KIB_PER_MIB,
            run.exit.map_or("killed".to_string(), |c| c.to_string()),
            run.outcome
        );
        runs.push(run);
    }
    Ok(report(&runs))
}

/// Cleans one input under `time -v`, stdout into a file beside it.
fn run_one(binary: &Path, hostile: &Hostile, input: &Path, dir: &Path) -> anyhow::Result<Run> {
    let stdout_path = dir.join("stdout.json");
    let stdout = std::fs::File::create(&stdout_path)?;
    let started = Instant::now();
    let mut child = Command::new(TIME_BINARY)
        .arg("-v")
        .arg(binary)
        .args(hostile.args)
        .arg("--compact")
        .arg(input)
        .stdout(stdout)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .context("running unchrome under /usr/bin/time")?;
    let mut stderr_pipe = child.stderr.take().context("stderr of time -v")?;
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stderr_pipe, &mut text).map(|_| text)
    });
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if started.elapsed() > KILL_AFTER {
            child.kill()?;
            child.wait()?;
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let seconds = started.elapsed().as_secs_f64();
    let stderr = reader
        .join()
        .map_err(|_| anyhow::anyhow!("reading stderr failed"))??;
    let peak_rss_kib = gnu_time::field(&stderr, MAX_RSS_FIELD)
        .and_then(|v| v.parse().ok())
        .unwrap_or(u64::MAX);
    // time -v passes the command's exit status on as its own.
    let exit = status.and_then(|s| s.code());
    let stdout = std::fs::read(&stdout_path)?;
    let (outcome, expected) = outcome(hostile, exit, &stdout, &stderr);
    Ok(Run {
        name: hostile.name,
        seconds,
        peak_rss_kib,
        exit,
        outcome,
        expected,
    })
}

/// What the run gave, and whether it is what `hostile` expects.
fn outcome(hostile: &Hostile, exit: Option<i32>, stdout: &[u8], stderr: &str) -> (String, bool) {
    let right_exit = exit == Some(hostile.exit);
    let page: Option<Value> = serde_json::from_slice(stdout).ok();
    let limits: Vec<String> = page
        .as_ref()
        .and_then(|p| p["limits"].as_array())
        .map(|a| {
            a.iter()
                .filter_map(|l| l["limit"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let error_kind = stderr
        .lines()
        .filter(|l| l.starts_with("unchrome: "))
        .find_map(|l| {
            let open = l.rfind('(')?;
            l.get(open + 1..l.len().checked_sub(1)?)
        })
        .map(str::to_string);
    let (text, matched) = match hostile.expect {
        Expect::Limit(limit) => {
            let body = page
                .as_ref()
                .map_or(0, |p| p["body"].as_array().map_or(0, Vec::len));
            (
                format!("page, {body} blocks, limits: {}", limits.join(" ")),
                limits.iter().any(|l| l == limit),
            )
        }
        Expect::Page => (
            format!(
                "page, {} blocks",
                page.as_ref()
                    .map_or(0, |p| p["body"].as_array().map_or(0, Vec::len))
            ),
            page.is_some() && limits.is_empty(),
        ),
        Expect::Error(kind) => (
            format!("error {}", error_kind.as_deref().unwrap_or("?")),
            stdout.is_empty() && error_kind.as_deref() == Some(kind),
        ),
        Expect::Batch => {
            let lines = String::from_utf8_lossy(stdout).lines().count();
            (
                format!("batch, {lines} JSON lines"),
                stderr.lines().any(|l| l.starts_with("unchrome: cleaned ")),
            )
        }
    };
    (text, right_exit && matched)
}

fn report(runs: &[Run]) -> Report {
    let mut table = String::new();
    let _ = writeln!(
        table,
        "hostile inputs (targets: expected outcome, ≤ {MAX_SECONDS:.0} s, ≤ {:.0} MiB)",
        MAX_RSS_KIB as f64 / KIB_PER_MIB
    );
    let _ = writeln!(
        table,
        "{:<22} {:>8} {:>10} {:>5}  {:<4} outcome",
        "input", "seconds", "peak MiB", "exit", "ok"
    );
    for run in runs {
        let _ = writeln!(
            table,
            "{:<22} {:>8.2} {:>10.1} {:>5}  {:<4} {}",
            run.name,
            run.seconds,
            run.peak_rss_kib as f64 / KIB_PER_MIB,
            run.exit.map_or("kill".to_string(), |c| c.to_string()),
            if run.within_targets() { "yes" } else { "NO" },
            run.outcome
        );
    }
    let member = hostile_inputs::gzip_member().len();
    let bomb = hostile_inputs::GZIP_BOMB_BYTES / member.max(1) * member;
    let _ = writeln!(
        table,
        "(the gzip bomb: {:.1} MB on disk, {:.1} GB inflated)",
        bomb as f64 / 1e6,
        hostile_inputs::gzip_bomb_inflated(bomb, member) as f64 / 1e9
    );
    let met = runs.iter().filter(|r| r.within_targets()).count();
    let _ = writeln!(table, "{met} of {} inputs met the targets", runs.len());
    let share = if runs.is_empty() {
        None
    } else {
        Some(met as f64 / runs.len() as f64)
    };
    Report {
        section: "hostile".to_string(),
        metrics: vec![("within_targets", share)],
        json: json!({
            "inputs": runs.iter().map(|r| json!({
                "input": r.name,
                "seconds": r.seconds,
                "peak_rss_kib": r.peak_rss_kib,
                "exit": r.exit,
                "outcome": r.outcome,
                "within_targets": r.within_targets(),
            })).collect::<Vec<_>>(),
            "within_targets": share,
        }),
        table,
    }
}
