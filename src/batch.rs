//! Batch runs: many inputs — files, folders walked recursively, stdin —
//! cleaned in parallel, every input accounted for.
//!
//! Inputs are found lazily ([`crate::source::walk`]) and handed out one at a
//! time, in order, from a shared queue to a pool of `jobs` workers (rayon);
//! each worker reads, cleans and renders its page. Results come back over a
//! bounded channel to one writer, on the calling thread, which puts them back
//! in input order (a bounded reorder window, see `order`) and writes JSON
//! Lines or text to the given writer, or — with an output folder — the error
//! log, while the workers write each page's file atomically themselves.
//! Memory stays flat: at most one page per worker and the window's results
//! are held at any time.
//!
//! A failed input becomes an error record and the run goes on; a page whose
//! cleaning panics is an `internal` error record, not a crash. Setting the
//! stop flag (Ctrl-C) stops the handing out of inputs; pages already started
//! are finished and written whole.

pub(crate) mod order;
pub(crate) mod outdir;

use std::collections::HashSet;
use std::fmt;
use std::io::{self, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, SyncSender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::error::{Error, ErrorKind};
use crate::output::{TextStyle, SCHEMA_VERSION};
use crate::source::walk::{Found, Walk, WalkOptions, STDIN_ARG};
use crate::{Config, Page};

pub use outdir::ERRORS_FILE;

/// Inputs each worker may be ahead of the next one to be written. Pages
/// differ in cost by a factor of fifty and more, so while one worker cleans a
/// large page the others must be able to go on for a good many small ones.
pub const REORDER_WINDOW_PER_JOB: usize = 256;

/// Largest read buffer a worker keeps for the next page; a larger one (after
/// an unusually large page) is freed.
const MAX_KEPT_BUFFER: usize = 4 << 20;

/// Bytes of results (JSON Lines, text, error records) that may wait for their
/// turn before workers stop starting new inputs.
pub const REORDER_HELD_BYTES: usize = 8 << 20;

/// Where the results of a batch run go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// To the writer given to [`run`], in input order.
    Stream(StreamFormat),
    /// One file per input below a folder, mirroring the input tree.
    OutDir {
        /// The folder (created if needed).
        dir: PathBuf,
        /// What each file holds.
        format: FileFormat,
        /// Keep outputs that already exist and parse; count their inputs as skipped.
        skip_existing: bool,
    },
}

/// The shape of streamed output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StreamFormat {
    /// One compact JSON object per input and line, error records included.
    JsonLines,
    /// Each page rendered for people under a `==> path <==` header; failures
    /// go to the observer only.
    Text(TextStyle),
}

/// What each output file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileFormat {
    /// The page as JSON (`.json`).
    Json {
        /// Pretty-printed rather than compact.
        pretty: bool,
    },
    /// The page rendered for people (`.txt` or `.md`).
    Text(TextStyle),
}

impl FileFormat {
    /// The extension added to the input's full name.
    pub fn extension(self) -> &'static str {
        match self {
            FileFormat::Json { .. } => "json",
            FileFormat::Text(TextStyle::Plain) => "txt",
            FileFormat::Text(TextStyle::Markdown) => "md",
        }
    }
}

/// How a batch runs.
#[derive(Clone, Debug)]
pub struct BatchOptions {
    /// Worker threads; 0 means one per available core.
    pub jobs: usize,
    /// How folders are walked.
    pub walk: WalkOptions,
    /// Where results go.
    pub target: Target,
    /// Set (e.g. on Ctrl-C) to stop handing out inputs; pages under way are finished.
    pub stop: Arc<AtomicBool>,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            jobs: 0,
            walk: WalkOptions::default(),
            target: Target::Stream(StreamFormat::JsonLines),
            stop: Arc::new(AtomicBool::new(false)),
        }
    }
}

impl BatchOptions {
    /// The number of workers: [`BatchOptions::jobs`], or one per core when 0.
    pub fn worker_count(&self) -> usize {
        if self.jobs > 0 {
            return self.jobs;
        }
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    }
}

/// What became of one input, reported to the observer in input order.
#[derive(Clone, Debug)]
pub struct Report {
    /// The input (its path, or `-` for stdin).
    pub origin: String,
    /// What became of it.
    pub outcome: Outcome,
}

/// The outcome of one input.
#[derive(Clone, Debug)]
pub enum Outcome {
    /// Cleaned and written.
    Cleaned {
        /// Blocks in the page's body.
        body_blocks: usize,
    },
    /// Its output already existed and parsed (`--skip-existing`).
    Skipped,
    /// It failed; an error record was written.
    Failed(Error),
    /// Not an input but worth saying (a symbolic-link loop skipped); counts nowhere.
    Warning(String),
}

/// The totals of a batch run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// Inputs cleaned.
    pub cleaned: usize,
    /// Inputs that failed.
    pub failed: usize,
    /// Inputs whose existing output was kept.
    pub skipped: usize,
    /// Warnings (not inputs).
    pub warnings: usize,
    /// Wall time of the run.
    pub elapsed: Duration,
    /// Whether the stop flag ended the run before every input was handed out.
    pub interrupted: bool,
}

impl Summary {
    /// Inputs cleaned or failed per second of wall time (skipped ones cost nothing and are left out).
    pub fn pages_per_second(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 {
            (self.cleaned + self.failed) as f64 / secs
        } else {
            0.0
        }
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cleaned {}, failed {}, skipped {} in {:.2} s ({:.1} pages/s)",
            self.cleaned,
            self.failed,
            self.skipped,
            self.elapsed.as_secs_f64(),
            self.pages_per_second()
        )
    }
}

/// What stops a batch run as a whole (a single input's failure never does).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BatchError {
    /// A bad option (a malformed glob).
    #[error("{0}")]
    Usage(String),
    /// The output folder cannot be created or its error log written.
    #[error("output folder {}: {source}", path.display())]
    OutDir {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// Writing the stream failed (a broken pipe among others).
    #[error("writing output: {0}")]
    Output(io::Error),
    /// The worker threads could not be started.
    #[error("starting worker threads: {0}")]
    Pool(String),
}

impl BatchError {
    /// What makes an I/O error in the output folder (or its error log) at
    /// `path` into a [`BatchError::OutDir`].
    pub(crate) fn out_dir(path: &Path) -> impl FnOnce(io::Error) -> BatchError {
        let path = path.to_path_buf();
        move |source| BatchError::OutDir { path, source }
    }
}

/// The end of a batch or fetch run, once every result is written: the
/// writer's own failure first, then the error log closed and the stream
/// flushed; the summary gets whether the run was interrupted and how long
/// it took.
pub(crate) fn finish_run(
    ended: (Option<outdir::ErrorLog>, Summary, Option<BatchError>),
    tree: Option<&outdir::OutTree>,
    out: &mut dyn Write,
    stop: &AtomicBool,
    started: Instant,
) -> Result<Summary, BatchError> {
    let (errors, mut summary, failure) = ended;
    if let Some(e) = failure {
        return Err(e);
    }
    if let (Some(errors), Some(tree)) = (errors, tree) {
        errors.finish().map_err(BatchError::out_dir(tree.root()))?;
    }
    out.flush().map_err(BatchError::Output)?;
    summary.interrupted = stop.load(Ordering::SeqCst);
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// The error record of an input that failed:
/// `{"schema", "source": {kind, path}, "error": {kind, message}}`.
pub fn error_record(error: &Error) -> serde_json::Value {
    let source = if error.origin == STDIN_ARG {
        json!({"kind": "stdin"})
    } else {
        json!({"kind": "file", "path": error.origin})
    };
    json!({
        "schema": SCHEMA_VERSION,
        "source": source,
        "error": {"kind": error.kind.as_str(), "message": error.message},
    })
}

/// Cleans every input in `inputs` (files, folders, `-`) with `config`.
///
/// Streamed output goes to `out`; `observe` hears about every input (and
/// warning) in input order, on the calling thread. Returns the totals, or
/// the error that stopped the run as a whole.
pub fn run(
    inputs: Vec<String>,
    config: &Config,
    options: &BatchOptions,
    out: &mut dyn Write,
    observe: &mut dyn FnMut(&Report),
) -> Result<Summary, BatchError> {
    let started = Instant::now();
    let several_roots = inputs.len() > 1;
    let tree = match &options.target {
        Target::OutDir {
            dir,
            format,
            skip_existing,
        } => Some(
            outdir::OutTree::create(dir, *format, *skip_existing)
                .map_err(BatchError::out_dir(dir))?,
        ),
        Target::Stream(_) => None,
    };
    let mut walk_options = options.walk.clone();
    if let Some(tree) = &tree {
        walk_options.exclude = Some(tree.root().to_path_buf());
    }
    let walk = Walk::new(inputs, walk_options).map_err(BatchError::Usage)?;
    let jobs = options.worker_count();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("unchrome-{i}"))
        .build()
        .map_err(|e| BatchError::Pool(e.to_string()))?;
    let shared = Shared {
        config,
        queue: Mutex::new(Queue {
            walk,
            next_index: 0,
            claims: (tree.is_some() && several_roots).then(Claims::default),
            case_fold: tree.as_ref().and_then(outdir::OutTree::case_fold),
        }),
        window: order::Window::new(
            jobs.saturating_mul(REORDER_WINDOW_PER_JOB),
            REORDER_HELD_BYTES,
        ),
        tree: tree.as_ref(),
        target: &options.target,
        stop: &options.stop,
        halt: AtomicBool::new(false),
    };
    let mut writer = Writer {
        out,
        observe,
        reorder: order::Reorder::new(),
        held_bytes: 0,
        errors: tree.as_ref().map(outdir::OutTree::error_log),
        summary: Summary::default(),
        failure: None,
    };
    // One result in flight per worker: a slow reader of the stream holds the workers back.
    let (sender, receiver) = sync_channel(jobs);
    pool.in_place_scope(|scope| {
        for _ in 0..jobs {
            let sender = sender.clone();
            let shared = &shared;
            scope.spawn(move |_| shared.work(&sender));
        }
        drop(sender);
        for (index, done) in receiver {
            writer.accept(index, done, &shared);
        }
    });
    let Writer {
        errors,
        summary,
        failure,
        ..
    } = writer;
    finish_run(
        (errors, summary, failure),
        tree.as_ref(),
        out,
        &options.stop,
        started,
    )
}

/// One input handed out, with where its output goes.
struct Job {
    found: Found,
    /// The output file (with an output folder), or the error that forbids writing it.
    output: Option<Result<PathBuf, Error>>,
}

/// The inputs, handed out in order.
struct Queue {
    walk: Walk,
    next_index: usize,
    /// With several arguments and an output folder: what it takes to notice
    /// two inputs sharing an output.
    claims: Option<Claims>,
    /// With an output folder that ignores case: the outputs claimed so far.
    case_fold: Option<outdir::CaseFold>,
}

/// Outputs claimed by earlier arguments of this run. Memory stays bounded by
/// the arguments, not the pages: files given directly are remembered; a
/// folder's pages are checked against the earlier folders on disk (the same
/// relative path in an earlier folder was that folder's page).
#[derive(Default)]
struct Claims {
    /// Output paths of files given directly (and stdin).
    direct: HashSet<PathBuf>,
    /// Folder arguments walked so far (argument index, folder), in order;
    /// the last may be the current one.
    folders: Vec<(usize, PathBuf)>,
}

impl Claims {
    /// Whether the output at `path`, for `found`, was claimed by an earlier
    /// input; records the claim otherwise.
    fn already_claimed(&mut self, found: &Found, path: &Path) -> bool {
        let (root, relative, arg) = match found {
            Found::Page {
                root,
                relative,
                arg,
                ..
            } => (root.as_ref(), relative.as_path(), Some(*arg)),
            Found::Stdin => (None, Path::new(""), None),
            Found::Failed(_) | Found::Warning { .. } => return false,
        };
        if let (Some(root), Some(arg)) = (root, arg) {
            if self.folders.last().map(|(a, _)| *a) != Some(arg) {
                self.folders.push((arg, root.clone()));
            }
        }
        let in_folder = !relative.as_os_str().is_empty()
            && self
                .folders
                .iter()
                .filter(|(a, _)| Some(*a) != arg)
                .any(|(_, folder)| folder.join(relative).is_file());
        let claimed = in_folder || self.direct.contains(path);
        if !claimed && root.is_none() {
            self.direct.insert(path.to_path_buf());
        }
        claimed
    }
}

impl Queue {
    fn next_job(&mut self, tree: Option<&outdir::OutTree>) -> Option<(usize, Job)> {
        let found = self.walk.next()?;
        let index = self.next_index;
        self.next_index += 1;
        let output = match (tree, found.relative()) {
            (Some(tree), Some(relative)) => Some(self.claim(tree, &found, relative)),
            _ => None,
        };
        Some((index, Job { found, output }))
    }

    /// The output path of `found`, unless an earlier input of this run claimed it.
    fn claim(
        &mut self,
        tree: &outdir::OutTree,
        found: &Found,
        relative: &Path,
    ) -> Result<PathBuf, Error> {
        let origin = origin_of(found);
        let mut path = tree.output_path(relative).ok_or_else(|| {
            Error::new(
                &origin,
                ErrorKind::Write,
                "no file name to write the output under",
            )
        })?;
        if let Some(fold) = &mut self.case_fold {
            path = fold.claim(path);
        }
        if let Some(claims) = &mut self.claims {
            if claims.already_claimed(found, &path) {
                return Err(Error::new(
                    origin,
                    ErrorKind::Write,
                    format!(
                        "{} is already the output of an earlier input of this run; not overwritten",
                        path.display()
                    ),
                ));
            }
        }
        Ok(path)
    }
}

/// What the workers share.
struct Shared<'a> {
    config: &'a Config,
    queue: Mutex<Queue>,
    window: order::Window,
    tree: Option<&'a outdir::OutTree>,
    target: &'a Target,
    stop: &'a AtomicBool,
    /// Set when the writer failed: stop at once.
    halt: AtomicBool,
}

/// One finished input.
struct Done {
    report: Report,
    /// Bytes for the stream, or an error record for the error log.
    record: Option<Vec<u8>>,
}

impl Done {
    fn record_len(&self) -> usize {
        self.record.as_ref().map_or(0, Vec::len)
    }
}

impl Shared<'_> {
    /// A worker: takes inputs from the queue until it is empty or the run stops.
    fn work(&self, sender: &SyncSender<(usize, Done)>) {
        // The read buffer, reused from page to page.
        let mut buffer = Vec::new();
        loop {
            if self.stop.load(Ordering::SeqCst) || self.halt.load(Ordering::SeqCst) {
                return;
            }
            let next = self
                .queue
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .next_job(self.tree);
            let Some((index, job)) = next else { return };
            if !self.window.enter(index) {
                return;
            }
            let done = self.process(job, &mut buffer);
            if sender.send((index, done)).is_err() {
                return;
            }
        }
    }

    fn process(&self, job: Job, buffer: &mut Vec<u8>) -> Done {
        let origin = origin_of(&job.found);
        match job.found {
            Found::Warning { message, .. } => Done {
                report: Report {
                    origin,
                    outcome: Outcome::Warning(message),
                },
                record: None,
            },
            Found::Failed(error) => self.failed(error),
            Found::Page { .. } | Found::Stdin => match self.clean(&job.found, job.output, buffer) {
                Ok(done) => done,
                Err(error) => self.failed(error),
            },
        }
    }

    /// Reads, cleans, renders and writes one page.
    fn clean(
        &self,
        found: &Found,
        output: Option<Result<PathBuf, Error>>,
        buffer: &mut Vec<u8>,
    ) -> Result<Done, Error> {
        let origin = origin_of(found);
        let output = output.transpose()?;
        if let (Some(tree), Some(path)) = (self.tree, &output) {
            if tree.keeps(path) {
                return Ok(Done {
                    report: Report {
                        origin,
                        outcome: Outcome::Skipped,
                    },
                    record: None,
                });
            }
        }
        let input = match found {
            Found::Page { path, .. } => {
                crate::source::read_file_into(path, self.config.max_bytes, std::mem::take(buffer))?
            }
            _ => crate::source::read_stdin(self.config.max_bytes)?,
        };
        let page = clean_catching_panics(&input, self.config)?;
        if input.bytes.capacity() <= MAX_KEPT_BUFFER {
            *buffer = input.bytes;
        }
        let record = match (self.target, self.tree, &output) {
            (Target::OutDir { format, .. }, Some(tree), Some(path)) => {
                let bytes = render_file(&page, *format)
                    .map_err(|e| Error::new(&origin, ErrorKind::Internal, e.to_string()))?;
                tree.write(path, &bytes)
                    .map_err(|message| Error::new(&origin, ErrorKind::Write, message))?;
                None
            }
            (Target::Stream(format), _, _) => Some(
                render_stream(&page, *format)
                    .map_err(|e| Error::new(&origin, ErrorKind::Internal, e.to_string()))?,
            ),
            _ => None,
        };
        Ok(Done {
            report: Report {
                origin,
                outcome: Outcome::Cleaned {
                    body_blocks: page.body.len(),
                },
            },
            record,
        })
    }

    /// The error record of a failed input, for the stream or the error log.
    fn failed(&self, error: Error) -> Done {
        let record = match self.target {
            Target::Stream(StreamFormat::Text(_)) => None,
            Target::Stream(StreamFormat::JsonLines) | Target::OutDir { .. } => {
                json_line(&error_record(&error)).ok()
            }
        };
        Done {
            report: Report {
                origin: error.origin.clone(),
                outcome: Outcome::Failed(error),
            },
            record,
        }
    }
}

/// Puts finished inputs back in order and writes them.
struct Writer<'a> {
    out: &'a mut dyn Write,
    observe: &'a mut dyn FnMut(&Report),
    reorder: order::Reorder<Done>,
    /// Bytes of the records held in `reorder`.
    held_bytes: usize,
    errors: Option<outdir::ErrorLog>,
    summary: Summary,
    /// The error that stopped the writer; later results are only drained.
    failure: Option<BatchError>,
}

impl Writer<'_> {
    fn accept(&mut self, index: usize, done: Done, shared: &Shared<'_>) {
        if self.failure.is_some() {
            return;
        }
        self.held_bytes += done.record_len();
        self.reorder.push(index, done);
        while let Some(done) = self.reorder.pop_ready() {
            self.held_bytes -= done.record_len();
            shared.window.advance(self.reorder.next(), self.held_bytes);
            if let Err(e) = self.emit(&done) {
                shared.halt.store(true, Ordering::SeqCst);
                shared.window.abort();
                self.failure = Some(e);
                return;
            }
        }
    }

    fn emit(&mut self, done: &Done) -> Result<(), BatchError> {
        match &done.report.outcome {
            Outcome::Cleaned { .. } => self.summary.cleaned += 1,
            Outcome::Skipped => self.summary.skipped += 1,
            Outcome::Failed(_) => self.summary.failed += 1,
            Outcome::Warning(_) => self.summary.warnings += 1,
        }
        if let Some(bytes) = &done.record {
            match &mut self.errors {
                Some(log) => log
                    .push(bytes)
                    .map_err(BatchError::out_dir(Path::new(ERRORS_FILE)))?,
                None => self.out.write_all(bytes).map_err(BatchError::Output)?,
            }
        }
        (self.observe)(&done.report);
        Ok(())
    }
}

/// How an input is named in reports and error records.
fn origin_of(found: &Found) -> String {
    match found {
        Found::Page { path, .. } => path.display().to_string(),
        Found::Stdin => STDIN_ARG.to_string(),
        Found::Failed(error) => error.origin.clone(),
        Found::Warning { path, .. } => path.display().to_string(),
    }
}

/// One compact JSON line, keys in the same order as single-input `--jsonl`.
pub(crate) fn json_line(value: &serde_json::Value) -> serde_json::Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec(value)?;
    bytes.push(b'\n');
    Ok(bytes)
}

pub(crate) fn render_stream(page: &Page, format: StreamFormat) -> serde_json::Result<Vec<u8>> {
    match format {
        StreamFormat::JsonLines => json_line(&serde_json::to_value(page)?),
        StreamFormat::Text(style) => {
            let origin = page
                .source
                .path
                .as_deref()
                .or(page.source.url.as_deref())
                .unwrap_or(STDIN_ARG);
            Ok(format!("==> {origin} <==\n{}\n\n", page.render(style)).into_bytes())
        }
    }
}

pub(crate) fn render_file(page: &Page, format: FileFormat) -> serde_json::Result<Vec<u8>> {
    match format {
        FileFormat::Json { pretty: true } => {
            let mut bytes = serde_json::to_vec_pretty(page)?;
            bytes.push(b'\n');
            Ok(bytes)
        }
        FileFormat::Json { pretty: false } => json_line(&serde_json::to_value(page)?),
        FileFormat::Text(style) => Ok(format!("{}\n", page.render(style)).into_bytes()),
    }
}

/// Cleans one input of a run of many; a panic (a bug in unchrome) becomes an
/// `internal` error about that input, so the run goes on.
pub(crate) fn clean_catching_panics(input: &crate::Input, config: &Config) -> Result<Page, Error> {
    catch_unwind(AssertUnwindSafe(|| crate::clean_input(input, config))).map_err(|panic| {
        Error::new(
            input.origin.to_string(),
            ErrorKind::Internal,
            format!(
                "cleaning this page panicked ({}); this is a bug in unchrome",
                panic_message(panic.as_ref())
            ),
        )
    })?
}

/// The message of a caught panic, when it is a string.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no message")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_line_reads_as_documented() {
        let summary = Summary {
            cleaned: 3,
            failed: 1,
            skipped: 2,
            warnings: 0,
            elapsed: Duration::from_millis(500),
            interrupted: false,
        };
        assert_eq!(
            summary.to_string(),
            "cleaned 3, failed 1, skipped 2 in 0.50 s (8.0 pages/s)"
        );
    }

    #[test]
    fn error_records_name_the_input() {
        let record = error_record(&Error::new("a/b.html", ErrorKind::NotAPage, "binary"));
        assert_eq!(record["source"]["path"], "a/b.html");
        assert_eq!(record["error"]["kind"], "not-a-page");
        let record = error_record(&Error::new("-", ErrorKind::TooLarge, "big"));
        assert_eq!(record["source"]["kind"], "stdin");
    }
}
