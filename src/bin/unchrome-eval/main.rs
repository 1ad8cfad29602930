//! unchrome-eval: scores unchrome against benchmark folders and checks the
//! scores against committed floors. Flags are parsed here; each benchmark
//! lives in its own module.

mod batch_bench;
mod bench;
mod common;
mod fetch_bench;
mod floors;
mod gnu_time;
mod hostile;
mod hostile_inputs;
mod metrics;
mod readability;
mod samples;
mod scrapinghub;
mod stats;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::common::Report;

/// Exit status when a floor is not met.
const EXIT_BELOW_FLOOR: u8 = 1;
/// Exit status for usage errors (clap uses the same for bad flags).
const EXIT_USAGE: u8 = 2;
/// Worst pages listed by default.
const DEFAULT_WORST: &str = "10";

/// Score unchrome against benchmark folders.
#[derive(Debug, Parser)]
#[command(name = "unchrome-eval", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Flags every command takes.
#[derive(Debug, Args)]
struct Common {
    /// Print one JSON summary object on stdout instead of the table.
    #[arg(long)]
    json: bool,
    /// Compare the scores with FILE (e.g. eval/floors.json); exit 1 if one is below its floor.
    #[arg(long, value_name = "FILE")]
    check_floors: Option<PathBuf>,
    /// Use the expected output as the prediction (checks the metric itself).
    #[arg(long, hide = true)]
    oracle: bool,
}

/// The benchmarks.
#[derive(Debug, Subcommand)]
enum Command {
    /// The scrapinghub article-extraction benchmark (shingle F1, as upstream evaluate.py).
    Scrapinghub {
        /// Folder with html/ and truth/.
        dir: PathBuf,
        /// How many worst pages to list.
        #[arg(long, value_name = "N", default_value = DEFAULT_WORST)]
        worst: usize,
        /// Score only the first N pages (by id).
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// Score saved predictions ({id: {articleBody}}, upstream's output shape) instead of running unchrome.
        #[arg(long, value_name = "FILE", conflicts_with = "oracle")]
        predictions: Option<PathBuf>,
        /// Write the predictions as upstream's output JSON ({id: {articleBody}}).
        #[arg(long, value_name = "FILE")]
        save_predictions: Option<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
    /// The readability-dev pages (body token F1, title and author exact).
    Readability {
        /// Folder with one subfolder per page.
        dir: PathBuf,
        /// Which input to clean: source.html or page.txt.
        #[arg(long, value_enum)]
        input: InputKind,
        /// How many worst pages to list.
        #[arg(long, value_name = "N", default_value = DEFAULT_WORST)]
        worst: usize,
        #[command(flatten)]
        common: Common,
    },
    /// Golden cases: `DIR/<case>/{page.txt|page.html, expected.json}`.
    Samples {
        /// Folder with one subfolder per case.
        dir: PathBuf,
        #[command(flatten)]
        common: Common,
    },
    /// Throughput: parse-only baseline vs full extraction, interleaved, median over rounds.
    Bench {
        /// A folder of .html files, or a benchmark root holding html/.
        dir: PathBuf,
        /// Measured rounds (after one untimed warm-up round).
        #[arg(long, value_name = "N", default_value = bench::DEFAULT_ROUNDS,
              value_parser = clap::value_parser!(u32).range(1..))]
        rounds: u32,
        #[command(flatten)]
        common: Common,
    },
    /// Batch mode of the unchrome binary: pages/s for each --jobs and peak RSS, on corpora of
    /// perturbed copies of DIR's pages (interleaved rounds, median).
    BatchBench {
        /// A folder of .html files, or a benchmark root holding html/.
        dir: PathBuf,
        /// Corpus sizes, in pages.
        #[arg(long, value_name = "N,N", value_delimiter = ',', default_value = batch_bench::DEFAULT_PAGES)]
        pages: Vec<usize>,
        /// Job counts to compare; the first is the baseline of the speed-up.
        #[arg(long, value_name = "J,J", value_delimiter = ',', default_value = batch_bench::DEFAULT_JOBS)]
        jobs: Vec<usize>,
        /// Measured rounds.
        #[arg(long, value_name = "N", default_value = batch_bench::DEFAULT_ROUNDS,
              value_parser = clap::value_parser!(u32).range(1..))]
        rounds: u32,
        /// The unchrome binary [default: beside unchrome-eval].
        #[arg(long, value_name = "PATH")]
        binary: Option<PathBuf>,
        /// Where corpora and outputs go (kept, and reused when complete) [default: a temporary folder].
        #[arg(long, value_name = "DIR")]
        work_dir: Option<PathBuf>,
        /// Write JSON Lines into /dev/null instead of an output folder (no file-system cost).
        #[arg(long)]
        jsonl: bool,
        /// Before each run, wait up to SECS for the machine to be idle (other work skews timings).
        #[arg(long, value_name = "SECS", default_value = batch_bench::DEFAULT_WAIT_IDLE_S)]
        wait_idle: u64,
        /// Measure a run again (at most N times) when other processes took over 5% of its time.
        #[arg(long, value_name = "N", default_value = batch_bench::DEFAULT_RETRIES)]
        retries: usize,
        #[command(flatten)]
        common: Common,
    },
    /// Fetch mode of the unchrome binary against a local server: pages/s, peak RSS and the most
    /// concurrent requests per host the server saw.
    FetchBench {
        /// A folder of .html files, or a benchmark root holding html/.
        dir: PathBuf,
        /// Distinct pages served and fetched (the folder's pages cycled, each perturbed).
        #[arg(long, value_name = "N", default_value = fetch_bench::DEFAULT_PAGES)]
        pages: usize,
        /// --concurrency of the measured run.
        #[arg(long, value_name = "N", default_value = fetch_bench::DEFAULT_CONCURRENCY)]
        concurrency: usize,
        /// --per-host of the measured run.
        #[arg(long, value_name = "N", default_value = fetch_bench::DEFAULT_PER_HOST)]
        per_host: usize,
        /// Loopback hosts (127.0.0.1 … 127.0.0.N) the pages are spread over.
        #[arg(long, value_name = "N", default_value = fetch_bench::DEFAULT_HOSTS)]
        hosts: usize,
        /// Milliseconds the server waits before each answer (a network's round trip).
        #[arg(long, value_name = "MS", default_value = fetch_bench::DEFAULT_LATENCY_MS)]
        latency: u64,
        /// The unchrome binary [default: beside unchrome-eval].
        #[arg(long, value_name = "PATH")]
        binary: Option<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
    /// Hostile inputs (deep nesting, a 50 MB line, a gzip bomb, …), each cleaned by the unchrome
    /// binary under /usr/bin/time -v: seconds, peak RSS, exit status, outcome, against the
    /// targets of issue 8 (≤ 10 s, ≤ 256 MiB).
    Hostile {
        /// The unchrome binary [default: beside unchrome-eval].
        #[arg(long, value_name = "PATH")]
        binary: Option<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
    /// One seed page and its expected output.
    Seed {
        /// The page (.html/.htm read as HTML, anything else as text).
        file: PathBuf,
        /// Its expected output.
        expected: PathBuf,
        #[command(flatten)]
        common: Common,
    },
}

/// The `--input` of `readability`.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum InputKind {
    /// source.html
    Html,
    /// page.txt
    Text,
}

impl Command {
    /// The flags every command takes.
    fn common(&self) -> &Common {
        match self {
            Command::Scrapinghub { common, .. }
            | Command::Readability { common, .. }
            | Command::Samples { common, .. }
            | Command::Seed { common, .. }
            | Command::Bench { common, .. }
            | Command::BatchBench { common, .. }
            | Command::FetchBench { common, .. }
            | Command::Hostile { common, .. } => common,
        }
    }

    /// Runs the benchmark.
    fn run(self) -> anyhow::Result<Report> {
        match self {
            Command::Scrapinghub {
                dir,
                worst,
                limit,
                predictions,
                save_predictions,
                common,
            } => scrapinghub::run(&scrapinghub::Options {
                dir,
                worst,
                limit,
                oracle: common.oracle,
                predictions,
                save_predictions,
            }),
            Command::Readability {
                dir,
                input,
                worst,
                common,
            } => readability::run(&readability::Options {
                dir,
                mode: match input {
                    InputKind::Html => readability::Mode::Html,
                    InputKind::Text => readability::Mode::Text,
                },
                worst,
                oracle: common.oracle,
            }),
            Command::Samples { dir, common } => {
                let (cases, skipped) = samples::find_cases(&dir)?;
                samples::run(&samples::Options {
                    cases,
                    section: "samples",
                    oracle: common.oracle,
                    skipped,
                })
            }
            Command::Bench {
                dir,
                rounds,
                common,
            } => {
                if common.oracle {
                    anyhow::bail!("bench has no --oracle: it scores nothing");
                }
                bench::run(&bench::Options {
                    dir,
                    rounds: usize::try_from(rounds)?,
                })
            }
            Command::BatchBench {
                dir,
                pages,
                jobs,
                rounds,
                binary,
                work_dir,
                jsonl,
                wait_idle,
                retries,
                common,
            } => {
                if common.oracle {
                    anyhow::bail!("batch-bench has no --oracle: it scores nothing");
                }
                batch_bench::run(&batch_bench::Options {
                    src: dir,
                    pages,
                    jobs,
                    rounds: usize::try_from(rounds)?,
                    binary,
                    work_dir,
                    jsonl,
                    wait_idle: std::time::Duration::from_secs(wait_idle),
                    retries,
                })
            }
            Command::FetchBench {
                dir,
                pages,
                concurrency,
                per_host,
                hosts,
                latency,
                binary,
                common,
            } => {
                if common.oracle {
                    anyhow::bail!("fetch-bench has no --oracle: it scores nothing");
                }
                fetch_bench::run(&fetch_bench::Options {
                    src: dir,
                    pages,
                    concurrency,
                    per_host,
                    hosts,
                    binary,
                    latency: std::time::Duration::from_millis(latency),
                })
            }
            Command::Hostile { binary, common } => {
                if common.oracle {
                    anyhow::bail!("hostile has no --oracle: it scores nothing");
                }
                hostile::run(&hostile::Options { binary })
            }
            Command::Seed {
                file,
                expected,
                common,
            } => samples::run(&samples::Options {
                cases: vec![samples::seed_case(&file, &expected)],
                section: "seed",
                oracle: common.oracle,
                skipped: 0,
            }),
        }
    }
}

fn main() -> ExitCode {
    let command = Cli::parse().command;
    let json = command.common().json;
    // The floors file is checked before the run, so a typo fails fast.
    let floors = match command.common().check_floors.clone() {
        Some(path) => match floors::load(&path) {
            Ok(floors) => Some((path, floors)),
            Err(e) => return usage_error(&e),
        },
        None => None,
    };
    let report = match command.run() {
        Ok(report) => report,
        Err(e) => return usage_error(&e),
    };
    match finish(report, json, floors.as_ref()) {
        Ok(code) => code,
        Err(e) => usage_error(&e),
    }
}

/// Reports an error that stopped the run (bad folder, bad floors file).
fn usage_error(e: &anyhow::Error) -> ExitCode {
    eprintln!("unchrome-eval: {e:#}");
    ExitCode::from(EXIT_USAGE)
}

/// Checks the floors (if asked), prints the report and picks the exit status.
fn finish(
    mut report: Report,
    json: bool,
    floors: Option<&(PathBuf, serde_json::Value)>,
) -> anyhow::Result<ExitCode> {
    let mut code = ExitCode::SUCCESS;
    if let Some((path, floors)) = floors {
        let outcome = floors::check(floors, &report.section, &report.metrics)?;
        if outcome.no_section {
            eprintln!(
                "floors: {} has no section {:?}; nothing checked",
                path.display(),
                report.section
            );
        } else if outcome.passed() {
            eprintln!(
                "floors: all {} floors of {:?} met",
                outcome.checked, report.section
            );
        } else {
            for failure in &outcome.failures {
                eprintln!("floors: BELOW FLOOR: {failure}");
            }
            code = ExitCode::from(EXIT_BELOW_FLOOR);
        }
        if let Some(summary) = report.json.as_object_mut() {
            summary.insert("floors".to_string(), outcome.to_json());
        }
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&report.json)?);
    } else {
        print!("{}", report.table);
    }
    Ok(code)
}
