//! The unchrome command line: a thin front end over the library. Flags become
//! a checked [`unchrome::Config`] and an output plan; the library does the work.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use serde_json::json;
use unchrome::output::TextStyle;
use unchrome::{Config, Error, Favor, InputFormat, Page};

/// Exit status when every input was cleaned.
const EXIT_OK: u8 = 0;
/// Exit status when at least one input failed.
const EXIT_FAILED: u8 = 1;
/// Exit status for usage errors (clap uses it too).
const EXIT_USAGE: u8 = 2;

/// Turn scraped web pages (saved HTML or raw page text) into clean, structured JSON.
#[derive(Parser, Debug)]
#[command(name = "unchrome", version, about, long_about = None)]
struct Args {
    /// Input files, or `-` for standard input.
    #[arg(value_name = "INPUT", required = true)]
    inputs: Vec<String>,

    /// How to read the input: decide from the content, or force HTML or plain text.
    #[arg(long, value_enum, default_value_t = FormatArg::Auto, value_name = "FORMAT")]
    input_format: FormatArg,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputArg::Json, value_name = "FORMAT")]
    format: OutputArg,

    /// Write JSON Lines (one compact object per input), even for one input.
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

    /// Print nothing on stderr but errors.
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
                    write_line(&mut out, &error_record(input, &error))
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
        explain: args.explain,
        links: args.links,
        images: args.images,
        ..defaults
    }
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

/// The JSON Lines record for an input that failed.
fn error_record(input: &str, error: &Error) -> serde_json::Value {
    let source = if input == "-" {
        json!({"kind": "stdin"})
    } else {
        json!({"kind": "file", "path": input})
    };
    json!({
        "schema": unchrome::output::SCHEMA_VERSION,
        "source": source,
        "error": {"kind": error.kind.as_str(), "message": error.message},
    })
}
