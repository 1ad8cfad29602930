//! The unchrome command line: a thin front end over the library. Flags become
//! a checked [`unchrome::Config`] and an output plan (one page, a
//! [`unchrome::batch`] run, or a [`unchrome::fetch`] run of URLs); the
//! library does the work.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use clap::{Parser, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use unchrome::batch::{
    self, BatchError, BatchOptions, FileFormat, Outcome, Report, StreamFormat, Target,
};
use unchrome::fetch::{self, FetchOptions};
use unchrome::output::TextStyle;
use unchrome::source::walk::WalkOptions;
use unchrome::{Config, Error, Favor, InputFormat, Page};

/// Exit status when every input was cleaned.
const EXIT_OK: u8 = 0;
/// Exit status when at least one input failed.
const EXIT_FAILED: u8 = 1;
/// Exit status for usage errors (clap uses it too).
const EXIT_USAGE: u8 = 2;
/// Exit status of a batch run stopped by Ctrl-C (SIGINT) or SIGTERM: 128 + SIGINT.
const EXIT_INTERRUPTED: u8 = 130;
/// How often the progress bar redraws itself.
const PROGRESS_TICK: Duration = Duration::from_millis(200);
/// The progress bar's layout.
const PROGRESS_TEMPLATE: &str = "{spinner} {pos} inputs, {per_sec}, {elapsed} — {msg}";

/// Turn scraped web pages (saved HTML or raw page text) into clean, structured JSON.
#[derive(Parser, Debug)]
#[command(name = "unchrome", version, about, long_about = None)]
struct Args {
    /// Input files or folders (walked recursively), `-` for standard input, or http(s) URLs to fetch.
    #[arg(value_name = "INPUT", required_unless_present = "urls_from")]
    inputs: Vec<String>,

    /// Fetch mode: also fetch the URLs listed in FILE (`-`: stdin), one per line; blank lines and
    /// `#` comments are ignored.
    #[arg(long, value_name = "FILE", help_heading = "Fetch mode")]
    urls_from: Option<String>,

    /// Requests under way at once, over all hosts.
    #[arg(long, value_name = "N", default_value_t = fetch::DEFAULT_CONCURRENCY,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..), help_heading = "Fetch mode")]
    concurrency: usize,

    /// Requests under way at once to one host.
    #[arg(long, value_name = "N", default_value_t = fetch::DEFAULT_PER_HOST,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..), help_heading = "Fetch mode")]
    per_host: usize,

    /// Milliseconds between the starts of two requests to one host.
    #[arg(long, value_name = "MS", default_value_t = fetch::DEFAULT_DELAY_MS, help_heading = "Fetch mode")]
    delay: u64,

    /// Seconds to wait for a connection.
    #[arg(long, value_name = "SECS", default_value_t = fetch::DEFAULT_CONNECT_TIMEOUT_S,
          value_parser = seconds, help_heading = "Fetch mode")]
    connect_timeout: f64,

    /// Seconds one request may take in all (connecting, waiting, reading the body).
    #[arg(long, value_name = "SECS", default_value_t = fetch::DEFAULT_TIMEOUT_S,
          value_parser = seconds, help_heading = "Fetch mode")]
    timeout: f64,

    /// Redirects followed (a loop, or a redirect to another scheme, is refused).
    #[arg(long, value_name = "N", default_value_t = fetch::DEFAULT_MAX_REDIRECTS, help_heading = "Fetch mode")]
    max_redirects: usize,

    /// Retries after a connect error, 429 or 5xx (exponential backoff from 0.5 s, with jitter).
    #[arg(long, value_name = "N", default_value_t = fetch::DEFAULT_RETRIES, help_heading = "Fetch mode")]
    retries: u32,

    /// Longest Retry-After honoured, in seconds (a longer one is cut to this).
    #[arg(long, value_name = "SECS", default_value_t = fetch::DEFAULT_MAX_RETRY_AFTER_S, help_heading = "Fetch mode")]
    max_retry_after: u64,

    /// The User-Agent header [default: unchrome/<version>]; its first word is matched in robots.txt.
    #[arg(long, value_name = "UA", help_heading = "Fetch mode")]
    user_agent: Option<String>,

    /// Fetch URLs that the site's robots.txt disallows.
    #[arg(long, help_heading = "Fetch mode")]
    ignore_robots: bool,

    /// Keep each fetched page's raw bytes below DIR, as `<host>/<path>.html`.
    #[arg(long, value_name = "DIR", help_heading = "Fetch mode")]
    save_html: Option<PathBuf>,

    /// Write one file per input below OUT, mirroring the input tree (`dir/a.html` → `OUT/dir/a.html.json`).
    #[arg(long, value_name = "OUT", conflicts_with = "jsonl")]
    out_dir: Option<PathBuf>,

    /// With --out-dir: keep outputs that already exist and parse, and count their inputs as skipped.
    #[arg(long, requires = "out_dir")]
    skip_existing: bool,

    /// Pages cleaned in parallel [default: one per core].
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,

    /// Inside folders, clean the files whose path (relative to the folder) matches GLOB instead of
    /// .html .htm .xhtml .txt .md (and .gz); `!GLOB` leaves files out. Repeatable.
    #[arg(long, value_name = "GLOB")]
    glob: Vec<String>,

    /// Walk hidden files and folders too (names starting with `.`).
    #[arg(long)]
    hidden: bool,

    /// How to read the input: decide from the content, or force HTML or plain text.
    #[arg(long, value_enum, default_value_t = FormatArg::Auto, value_name = "FORMAT")]
    input_format: FormatArg,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputArg::Json, value_name = "FORMAT")]
    format: OutputArg,

    /// Write JSON Lines (one compact object per input), even for one input (the default for several).
    #[arg(long)]
    jsonl: bool,

    /// Compact JSON instead of pretty.
    #[arg(long)]
    compact: bool,

    /// Add `removed` (every dropped block and why) and `provenance` (where each field came from).
    #[arg(long)]
    explain: bool,

    /// Add each body block's links (`{text, href}`), resolved against the page's URL (HTML).
    #[arg(long)]
    links: bool,

    /// Add each body block's images (`{src, alt}`), resolved against the page's URL (HTML).
    #[arg(long)]
    images: bool,

    /// Lean towards keeping doubtful blocks out (precision) or in (recall).
    #[arg(long, value_enum, default_value_t = FavorArg::Balanced, value_name = "WAY")]
    favor: FavorArg,

    /// Largest page accepted, in bytes [default: 20 MB].
    #[arg(long, value_name = "BYTES")]
    max_bytes: Option<u64>,

    /// Deepest nesting of HTML elements kept; deeper ones are flattened into their parents
    /// [default: 256].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    max_depth: Option<u32>,

    /// HTML elements parsed before the rest of the page is left out [default: 500000].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    max_elements: Option<u64>,

    /// Blocks made before the rest of the page is left out [default: 100000].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    max_blocks: Option<u64>,

    /// Longest line of plain text, in bytes, before it is split [default: 65536].
    #[arg(long, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..))]
    max_line_bytes: Option<u64>,

    /// Seconds cleaning one page may take before it fails as a `timeout` (0: no limit)
    /// [default: 30].
    #[arg(long, value_name = "SECS", value_parser = parse_timeout)]
    page_timeout: Option<TimeBudget>,

    /// One input: print nothing on stderr but errors. Batch: no per-input lines and no progress
    /// bar; the summary line stays.
    #[arg(short, long, conflicts_with = "verbose")]
    quiet: bool,

    /// Print a line per input on stderr.
    #[arg(short, long)]
    verbose: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FormatArg {
    Auto,
    Html,
    Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum OutputArg {
    Json,
    Text,
    Markdown,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FavorArg {
    Precision,
    Balanced,
    Recall,
}

/// How results are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Plan {
    /// One pretty (or compact) JSON object.
    Json { pretty: bool },
    /// One compact JSON object per line, error records included.
    JsonLines,
    /// Human-readable text or markdown.
    Text(TextStyle),
}

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(e) => {
            let usage = e.use_stderr();
            // clap prints help and version itself; both are successes.
            let _ = e.print();
            return ExitCode::from(if usage { EXIT_USAGE } else { EXIT_OK });
        }
    };
    let config = config_of(&args);
    let urls = args
        .inputs
        .iter()
        .filter(|i| fetch::urls::looks_like_url(i))
        .count();
    if args.urls_from.is_some() || urls > 0 {
        if urls < args.inputs.len() {
            eprintln!("unchrome: URLs and files cannot be mixed in one run");
            return ExitCode::from(EXIT_USAGE);
        }
        return run_fetch(args, &config);
    }
    if args.save_html.is_some() {
        eprintln!("unchrome: --save-html is for fetch mode (URLs)");
        return ExitCode::from(EXIT_USAGE);
    }
    if is_batch(&args) {
        return run_batch(args, &config);
    }
    let plan = match args.format {
        OutputArg::Text => Plan::Text(TextStyle::Plain),
        OutputArg::Markdown => Plan::Text(TextStyle::Markdown),
        OutputArg::Json if args.jsonl || args.inputs.len() > 1 => Plan::JsonLines,
        OutputArg::Json => Plan::Json {
            pretty: !args.compact,
        },
    };
    let several = args.inputs.len() > 1;
    let mut failed = false;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for input in &args.inputs {
        let result = clean_one(input, &config);
        if args.verbose {
            match &result {
                Ok(page) => eprintln!("unchrome: {input}: {} body blocks", page.body.len()),
                Err(_) => eprintln!("unchrome: {input}: failed"),
            }
        }
        let written = match result {
            Ok(page) => write_page(&mut out, &page, plan, several),
            Err(error) => {
                failed = true;
                eprintln!("unchrome: {error} ({})", error.kind);
                if plan == Plan::JsonLines {
                    write_line(&mut out, &batch::error_record(&error))
                } else {
                    Ok(())
                }
            }
        };
        if let Err(e) = written.and_then(|()| out.flush()) {
            if e.kind() == io::ErrorKind::BrokenPipe {
                return ExitCode::from(EXIT_OK);
            }
            eprintln!("unchrome: writing output: {e}");
            return ExitCode::from(EXIT_FAILED);
        }
    }
    ExitCode::from(if failed { EXIT_FAILED } else { EXIT_OK })
}

/// Whether the run is a batch: an output folder, several inputs, or a folder to walk.
fn is_batch(args: &Args) -> bool {
    args.out_dir.is_some()
        || args.inputs.len() > 1
        || args.inputs.iter().any(|i| PathBuf::from(i).is_dir())
}

/// Runs a batch and prints its summary as the last line on stderr.
fn run_batch(args: Args, config: &Config) -> ExitCode {
    let stop = stop_flag();
    let style = match args.format {
        OutputArg::Text => Some(TextStyle::Plain),
        OutputArg::Markdown => Some(TextStyle::Markdown),
        OutputArg::Json => None,
    };
    let target = match args.out_dir {
        Some(dir) => Target::OutDir {
            dir,
            format: style.map_or(
                FileFormat::Json {
                    pretty: !args.compact,
                },
                FileFormat::Text,
            ),
            skip_existing: args.skip_existing,
        },
        None => Target::Stream(style.map_or(StreamFormat::JsonLines, StreamFormat::Text)),
    };
    let options = BatchOptions {
        jobs: args.jobs.map_or(0, usize::from),
        walk: WalkOptions {
            hidden: args.hidden,
            globs: args.glob,
            exclude: None,
        },
        target,
        stop,
    };
    let bar = (!args.quiet && io::stderr().is_terminal()).then(progress_bar);
    let (quiet, verbose) = (args.quiet, args.verbose);
    let mut observe = observer(bar.as_ref(), quiet, verbose);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let result = batch::run(args.inputs, config, &options, &mut out, &mut observe);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    finish(result)
}

/// Prints each input's line on stderr (around the progress bar, if any).
fn observer(bar: Option<&ProgressBar>, quiet: bool, verbose: bool) -> impl FnMut(&Report) + '_ {
    move |report: &Report| {
        if let Some(bar) = bar {
            if !matches!(report.outcome, Outcome::Warning(_)) {
                bar.inc(1);
            }
        }
        if let Some(line) = report_line(report, quiet, verbose) {
            match bar {
                Some(bar) => bar.suspend(|| eprintln!("{line}")),
                None => eprintln!("{line}"),
            }
        }
    }
}

/// Sets up Ctrl-C: the first signal sets the returned flag (no new inputs
/// are started, those under way finish); the second exits at once.
fn stop_flag() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    let handler_stop = Arc::clone(&stop);
    if let Err(e) = ctrlc::set_handler(move || {
        if handler_stop.swap(true, Ordering::SeqCst) {
            std::process::exit(i32::from(EXIT_INTERRUPTED));
        }
    }) {
        eprintln!("unchrome: cannot catch Ctrl-C ({e}); it will stop the run at once");
    }
    stop
}

/// Fetch mode: URLs fetched, cleaned and written as in batch mode.
fn run_fetch(args: Args, config: &Config) -> ExitCode {
    let list: Option<Box<dyn io::BufRead + Send>> = match args.urls_from.as_deref() {
        None => None,
        Some("-") => Some(Box::new(io::BufReader::new(io::stdin()))),
        Some(path) => match std::fs::File::open(path) {
            Ok(file) => Some(Box::new(io::BufReader::new(file))),
            Err(e) => {
                eprintln!("unchrome: --urls-from {path}: {e}");
                return ExitCode::from(EXIT_USAGE);
            }
        },
    };
    let style = match args.format {
        OutputArg::Text => Some(TextStyle::Plain),
        OutputArg::Markdown => Some(TextStyle::Markdown),
        OutputArg::Json => None,
    };
    let file_format = style.map_or(
        FileFormat::Json {
            pretty: !args.compact,
        },
        FileFormat::Text,
    );
    let one = list.is_none() && args.inputs.len() == 1 && !args.jsonl;
    let target = match args.out_dir {
        Some(dir) => fetch::Target::OutDir {
            dir,
            format: file_format,
            skip_existing: args.skip_existing,
        },
        None if one => fetch::Target::One(file_format),
        None => fetch::Target::Stream(style.map_or(StreamFormat::JsonLines, StreamFormat::Text)),
    };
    let defaults = FetchOptions::default();
    let options = FetchOptions {
        concurrency: args.concurrency,
        per_host: args.per_host,
        delay: Duration::from_millis(args.delay),
        connect_timeout: Duration::from_secs_f64(args.connect_timeout),
        timeout: Duration::from_secs_f64(args.timeout),
        max_redirects: args.max_redirects,
        retries: args.retries,
        max_retry_after: Duration::from_secs(args.max_retry_after),
        user_agent: args.user_agent.unwrap_or(defaults.user_agent),
        ignore_robots: args.ignore_robots,
        jobs: args.jobs.map_or(0, usize::from),
        save_html: args.save_html,
        target,
        stop: stop_flag(),
    };
    let bar = (!args.quiet && io::stderr().is_terminal()).then(progress_bar);
    let mut observe = observer(bar.as_ref(), args.quiet, args.verbose);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let result = fetch::run(args.inputs, list, config, &options, &mut out, &mut observe);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    finish(result)
}

/// A positive number of seconds (fractions allowed).
fn seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if s.is_finite() && s > 0.0 && Duration::try_from_secs_f64(s).is_ok() => Ok(s),
        _ => Err(format!("{text:?} is not a positive number of seconds")),
    }
}

/// Prints the summary of a batch or fetch run as the last line on stderr and picks the exit status.
fn finish(result: Result<batch::Summary, BatchError>) -> ExitCode {
    match result {
        Ok(summary) => {
            if summary.interrupted {
                eprintln!("unchrome: interrupted; inputs not yet started were left alone");
            }
            eprintln!("unchrome: {summary}");
            ExitCode::from(if summary.interrupted {
                EXIT_INTERRUPTED
            } else if summary.failed > 0 {
                EXIT_FAILED
            } else {
                EXIT_OK
            })
        }
        Err(BatchError::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => {
            ExitCode::from(EXIT_OK)
        }
        Err(e @ BatchError::Usage(_)) => {
            eprintln!("unchrome: {e}");
            ExitCode::from(EXIT_USAGE)
        }
        Err(e) => {
            eprintln!("unchrome: {e}");
            ExitCode::from(EXIT_FAILED)
        }
    }
}

/// A spinner with the count and rate (the number of inputs is not known ahead: walks are lazy).
fn progress_bar() -> ProgressBar {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(PROGRESS_TEMPLATE) {
        bar.set_style(style);
    }
    bar.enable_steady_tick(PROGRESS_TICK);
    bar
}

/// The stderr line for one input of a batch, if any.
fn report_line(report: &Report, quiet: bool, verbose: bool) -> Option<String> {
    if quiet {
        return None;
    }
    match &report.outcome {
        Outcome::Failed(error) => Some(format!("unchrome: {error} ({})", error.kind)),
        Outcome::Warning(message) => {
            Some(format!("unchrome: {}: {message} (warning)", report.origin))
        }
        Outcome::Cleaned { body_blocks } if verbose => Some(format!(
            "unchrome: {}: {body_blocks} body blocks",
            report.origin
        )),
        Outcome::Skipped if verbose => Some(format!(
            "unchrome: {}: skipped (output exists)",
            report.origin
        )),
        Outcome::Cleaned { .. } | Outcome::Skipped => None,
    }
}

/// Turns flags into the library's checked configuration.
fn config_of(args: &Args) -> Config {
    let defaults = Config::default();
    Config {
        input_format: match args.input_format {
            FormatArg::Auto => InputFormat::Auto,
            FormatArg::Html => InputFormat::Html,
            FormatArg::Text => InputFormat::Text,
        },
        favor: match args.favor {
            FavorArg::Precision => Favor::Precision,
            FavorArg::Balanced => Favor::Balanced,
            FavorArg::Recall => Favor::Recall,
        },
        max_bytes: args.max_bytes.unwrap_or(defaults.max_bytes),
        max_depth: args
            .max_depth
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(defaults.max_depth),
        max_elements: args
            .max_elements
            .map_or(defaults.max_elements, saturating_usize),
        max_blocks: args
            .max_blocks
            .map_or(defaults.max_blocks, saturating_usize),
        max_line_bytes: args
            .max_line_bytes
            .map_or(defaults.max_line_bytes, saturating_usize),
        time_budget: args
            .page_timeout
            .map_or(defaults.time_budget, |budget| budget.0),
        explain: args.explain,
        links: args.links,
        images: args.images,
        ..defaults
    }
}

/// A `--page-timeout`: the time one page may take, `None` for no limit.
#[derive(Clone, Copy, Debug)]
struct TimeBudget(Option<Duration>);

/// A `--page-timeout` in seconds: a duration, or none for 0.
fn parse_timeout(text: &str) -> Result<TimeBudget, String> {
    let secs: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number of seconds"))?;
    if secs == 0.0 {
        return Ok(TimeBudget(None));
    }
    Duration::try_from_secs_f64(secs)
        .map(|budget| TimeBudget(Some(budget)))
        .map_err(|_| format!("{text:?} is not a usable number of seconds"))
}

/// `n` as a `usize`, the largest one when it does not fit.
fn saturating_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

fn clean_one(input: &str, config: &Config) -> Result<Page, Error> {
    let input = if input == "-" {
        unchrome::source::read_stdin(config.max_bytes)?
    } else {
        unchrome::source::read_file(&PathBuf::from(input), config.max_bytes)?
    };
    unchrome::clean_input(&input, config)
}

fn write_page(out: &mut impl Write, page: &Page, plan: Plan, several: bool) -> io::Result<()> {
    match plan {
        Plan::Json { pretty: true } => {
            serde_json::to_writer_pretty(&mut *out, page)?;
            writeln!(out)
        }
        Plan::Json { pretty: false } | Plan::JsonLines => {
            write_line(out, &serde_json::to_value(page).map_err(io::Error::other)?)
        }
        Plan::Text(style) => {
            if several {
                let origin = page.source.path.as_deref().unwrap_or("-");
                writeln!(out, "==> {origin} <==")?;
            }
            writeln!(out, "{}", page.render(style))?;
            if several {
                writeln!(out)?;
            }
            Ok(())
        }
    }
}

fn write_line(out: &mut impl Write, value: &serde_json::Value) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    writeln!(out)
}
