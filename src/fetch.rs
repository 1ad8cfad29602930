//! Fetch mode: pages fetched over HTTP(S) and cleaned, every URL accounted for.
//!
//! URLs come from the command line, then from a `--urls-from` list read
//! lazily on a thread of its own. A driver task on a small tokio runtime
//! hands each one, in input order, to a task of its own once the bounded
//! reorder window has room; the task fetches it with reqwest (see `http`:
//! per-host and overall slots, robots.txt, redirects, retries, size limit)
//! and hands the body to a rayon pool for cleaning, rendering and writing, so
//! the fetchers never wait behind the cleaning. Results come back to a writer
//! on the calling thread that puts them in input order and writes them as in
//! batch mode (JSON Lines, one object, or an output folder with
//! `_errors.jsonl`).
//!
//! Memory stays bounded: at most [`REORDER_WINDOW_PER_FETCH`] ×
//! `concurrency` URLs are under way or waiting to be written, and at most
//! [`CLEAN_QUEUE_PER_JOB`] fetched bodies per cleaning thread wait to be
//! cleaned.

mod hosts;
mod http;
pub mod names;
mod robots;
pub mod urls;

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;
use tokio::sync::{mpsc, oneshot, OwnedSemaphorePermit, Semaphore};
use url::Url;

use crate::batch::outdir::{ErrorLog, OutTree};
use crate::batch::{
    clean_catching_panics, finish_run, json_line, order, render_file, render_stream, BatchError,
    FileFormat, Outcome, Report, StreamFormat, Summary, ERRORS_FILE,
};
use crate::error::{Error, ErrorKind};
use crate::output::SCHEMA_VERSION;
use crate::source::{Fetched, Input, Origin};
use crate::Config;

/// Requests under way at once, over all hosts, when `--concurrency` is not given.
pub const DEFAULT_CONCURRENCY: usize = 16;
/// Requests under way at once to one host, when `--per-host` is not given.
pub const DEFAULT_PER_HOST: usize = 2;
/// Milliseconds between the starts of two requests to one host, when `--delay` is not given.
pub const DEFAULT_DELAY_MS: u64 = 250;
/// Seconds to wait for a connection, when `--connect-timeout` is not given.
pub const DEFAULT_CONNECT_TIMEOUT_S: f64 = 10.0;
/// Seconds one request may take in all (connecting, waiting, reading the body), when `--timeout` is not given.
pub const DEFAULT_TIMEOUT_S: f64 = 30.0;
/// Redirects followed, when `--max-redirects` is not given.
pub const DEFAULT_MAX_REDIRECTS: usize = 10;
/// Retries after a connect error, 429 or 5xx, when `--retries` is not given.
pub const DEFAULT_RETRIES: u32 = 3;
/// Longest `Retry-After` honoured, in seconds, when `--max-retry-after` is not given.
pub const DEFAULT_MAX_RETRY_AFTER_S: u64 = 60;

/// URLs under way or waiting to be written, per unit of concurrency.
pub const REORDER_WINDOW_PER_FETCH: usize = 4;
/// Fetched bodies that may wait for a cleaning thread, per thread. Beyond
/// them, fetching waits for cleaning: fetching faster than pages are cleaned
/// would only fill memory.
pub const CLEAN_QUEUE_PER_JOB: usize = 2;
/// Threads of the async runtime: fetching is waiting, not work.
const ASYNC_WORKERS: usize = 2;
/// URLs read ahead of the driver from a list.
const URL_QUEUE: usize = 64;
/// How a `--urls-from` list is named in error records.
const URL_LIST_ORIGIN: &str = "--urls-from";

/// The `User-Agent` sent when `--user-agent` is not given: `unchrome/<version>`.
pub fn default_user_agent() -> String {
    format!("unchrome/{}", env!("CARGO_PKG_VERSION"))
}

/// Where the results of a fetch run go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// To the writer given to [`run`], in input order (JSON Lines or text).
    Stream(StreamFormat),
    /// One URL: its page alone, as a file would hold it; a failure writes nothing.
    One(FileFormat),
    /// One file per URL below a folder: `<host>/<sanitised path>.json` (see [`names`]).
    OutDir {
        /// The folder (created if needed).
        dir: PathBuf,
        /// What each file holds.
        format: FileFormat,
        /// Keep outputs that already exist and parse; their URLs are not fetched.
        skip_existing: bool,
    },
}

/// How a fetch run goes; `Default` holds every default.
#[derive(Clone, Debug)]
pub struct FetchOptions {
    /// Requests under way at once, over all hosts (at least one).
    pub concurrency: usize,
    /// Requests under way at once to one host (at least one).
    pub per_host: usize,
    /// Least time between the starts of two requests to one host.
    pub delay: Duration,
    /// Longest wait for a connection.
    pub connect_timeout: Duration,
    /// Longest time one request may take in all, body included.
    pub timeout: Duration,
    /// Redirects followed before `too-many-redirects`.
    pub max_redirects: usize,
    /// Retries after a connect error, 429 or 5xx.
    pub retries: u32,
    /// Longest `Retry-After` honoured (a longer one is cut to this).
    pub max_retry_after: Duration,
    /// The `User-Agent` header; its product token is matched in robots.txt.
    pub user_agent: String,
    /// Fetch URLs that robots.txt disallows.
    pub ignore_robots: bool,
    /// Threads cleaning pages; 0 means one per core.
    pub jobs: usize,
    /// Keep each fetched body below this folder, named as the outputs are (`.html`).
    pub save_html: Option<PathBuf>,
    /// Where results go.
    pub target: Target,
    /// Set (e.g. on Ctrl-C) to stop handing out URLs; those under way are finished.
    pub stop: Arc<AtomicBool>,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            concurrency: DEFAULT_CONCURRENCY,
            per_host: DEFAULT_PER_HOST,
            delay: Duration::from_millis(DEFAULT_DELAY_MS),
            connect_timeout: Duration::from_secs_f64(DEFAULT_CONNECT_TIMEOUT_S),
            timeout: Duration::from_secs_f64(DEFAULT_TIMEOUT_S),
            max_redirects: DEFAULT_MAX_REDIRECTS,
            retries: DEFAULT_RETRIES,
            max_retry_after: Duration::from_secs(DEFAULT_MAX_RETRY_AFTER_S),
            user_agent: default_user_agent(),
            ignore_robots: false,
            jobs: 0,
            save_html: None,
            target: Target::Stream(StreamFormat::JsonLines),
            stop: Arc::new(AtomicBool::new(false)),
        }
    }
}

/// A URL that failed, with what is known of the response.
#[derive(Clone, Debug)]
pub struct Failure {
    /// The error (its origin is the URL as given).
    pub error: Error,
    /// The HTTP status, when a response said why.
    pub status: Option<u16>,
    /// The URL last asked for, after redirects.
    pub final_url: Option<String>,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure {
            error,
            status: None,
            final_url: None,
        }
    }
}

/// The error record of a URL that failed:
/// `{"schema", "source": {kind: "url", url, final_url?, status?}, "error": {kind, message}}`.
pub fn error_record(failure: &Failure) -> serde_json::Value {
    let mut source = json!({"kind": "url", "url": failure.error.origin});
    if let Some(final_url) = &failure.final_url {
        source["final_url"] = json!(final_url);
    }
    if let Some(status) = failure.status {
        source["status"] = json!(status);
    }
    json!({
        "schema": SCHEMA_VERSION,
        "source": source,
        "error": {"kind": failure.error.kind.as_str(), "message": failure.error.message},
    })
}

/// What the tasks of a run share.
pub(crate) struct Ctx {
    config: Config,
    options: FetchOptions,
    /// `config.max_bytes`, for the body reader.
    max_bytes: u64,
    client: reqwest::Client,
    hosts: hosts::Hosts,
    robots: robots::Cache,
    /// Requests under way, over all hosts.
    global: Semaphore,
    /// Page bodies held.
    pages: Semaphore,
    /// Room in the reorder window.
    window: Arc<Semaphore>,
    clean_pool: rayon::ThreadPool,
    tree: Option<OutTree>,
    save: Option<OutTree>,
    /// Set when the writer failed: hand out nothing more.
    halt: AtomicBool,
}

/// One finished URL; dropping it frees its place in the window.
struct Done {
    report: Report,
    /// Bytes for the stream, or an error record for the error log.
    record: Option<Vec<u8>>,
    _slot: OwnedSemaphorePermit,
}

/// Fetches and cleans `args` (URLs), then the URLs of `list`, with `config`.
///
/// Output goes to `out` (or the output folder); `observe` hears about every
/// URL in input order, on the calling thread. Returns the totals, or the
/// error that stopped the run as a whole.
pub fn run(
    args: Vec<String>,
    list: Option<Box<dyn BufRead + Send>>,
    config: &Config,
    options: &FetchOptions,
    out: &mut dyn Write,
    observe: &mut dyn FnMut(&Report),
) -> Result<Summary, BatchError> {
    let started = Instant::now();
    let tree = match &options.target {
        Target::OutDir {
            dir,
            format,
            skip_existing,
        } => Some(OutTree::create(dir, *format, *skip_existing).map_err(BatchError::out_dir(dir))?),
        Target::Stream(_) | Target::One(_) => None,
    };
    let save = match &options.save_html {
        Some(dir) => Some(
            OutTree::create(dir, FileFormat::Json { pretty: false }, false)
                .map_err(BatchError::out_dir(dir))?,
        ),
        None => None,
    };
    let concurrency = options.concurrency.max(1);
    let jobs = if options.jobs > 0 {
        options.jobs
    } else {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(ASYNC_WORKERS)
        .thread_name("unchrome-fetch")
        .enable_all()
        .build()
        .map_err(|e| BatchError::Pool(e.to_string()))?;
    let clean_pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("unchrome-clean-{i}"))
        .build()
        .map_err(|e| BatchError::Pool(e.to_string()))?;
    let client =
        http::client(options).map_err(|e| BatchError::Pool(format!("HTTP client: {e}")))?;
    let errors = tree.as_ref().map(OutTree::error_log);
    let ctx = Arc::new(Ctx {
        config: config.clone(),
        options: options.clone(),
        max_bytes: config.max_bytes,
        client,
        hosts: hosts::Hosts::new(options.per_host, options.delay),
        robots: robots::Cache::default(),
        global: Semaphore::new(concurrency),
        pages: Semaphore::new(concurrency.saturating_add(jobs.saturating_mul(CLEAN_QUEUE_PER_JOB))),
        window: Arc::new(Semaphore::new(
            concurrency.saturating_mul(REORDER_WINDOW_PER_FETCH),
        )),
        clean_pool,
        tree,
        save,
        halt: AtomicBool::new(false),
    });

    let (url_sender, url_receiver) = mpsc::channel(URL_QUEUE);
    // A thread of its own: reading a list (or stdin) blocks. It is left to
    // end by itself: a closed channel stops it at its next line.
    std::thread::Builder::new()
        .name("unchrome-urls".to_string())
        .spawn(move || read_urls(args, list, &url_sender))
        .map_err(|e| BatchError::Pool(e.to_string()))?;
    let (done_sender, mut done_receiver) = mpsc::unbounded_channel();
    runtime.spawn(drive(Arc::clone(&ctx), url_receiver, done_sender));

    let mut writer = Writer {
        out,
        observe,
        reorder: order::Reorder::new(),
        errors,
        summary: Summary::default(),
        failure: None,
    };
    while let Some((index, done)) = done_receiver.blocking_recv() {
        if let Err(e) = writer.accept(index, done) {
            ctx.halt.store(true, Ordering::SeqCst);
            ctx.window.close();
            writer.failure = Some(e);
            break;
        }
    }
    drop(done_receiver);
    runtime.shutdown_background();
    let Writer {
        errors,
        summary,
        failure,
        ..
    } = writer;
    finish_run(
        (errors, summary, failure),
        ctx.tree.as_ref(),
        out,
        &options.stop,
        started,
    )
}

/// Sends the arguments, then the list's entries, to the driver.
fn read_urls(
    args: Vec<String>,
    list: Option<Box<dyn BufRead + Send>>,
    sender: &mpsc::Sender<Result<String, Error>>,
) {
    for arg in args {
        if sender.blocking_send(Ok(arg)).is_err() {
            return;
        }
    }
    let Some(list) = list else { return };
    for entry in urls::read_list(list) {
        let failed = entry.is_err();
        let entry = entry.map_err(|e| {
            Error::new(
                URL_LIST_ORIGIN,
                ErrorKind::Unreadable,
                format!("reading the URL list: {e}"),
            )
        });
        if sender.blocking_send(entry).is_err() || failed {
            return;
        }
    }
}

/// Hands out the URLs in order, each to a task of its own, as the window allows.
async fn drive(
    ctx: Arc<Ctx>,
    mut urls: mpsc::Receiver<Result<String, Error>>,
    done: mpsc::UnboundedSender<(usize, Done)>,
) {
    let mut namer = names::Namer::default();
    let mut index = 0usize;
    while let Some(entry) = urls.recv().await {
        if ctx.options.stop.load(Ordering::SeqCst) || ctx.halt.load(Ordering::SeqCst) {
            return;
        }
        let Ok(slot) = Arc::clone(&ctx.window).acquire_owned().await else {
            return;
        };
        match entry.and_then(|text| urls::parse(&text).map(|url| (text, url))) {
            Err(error) => {
                let origin = error.origin.clone();
                let finished = ctx.finish(&origin, Err(Failure::from(error)), slot);
                if done.send((index, finished)).is_err() {
                    return;
                }
            }
            Ok((text, url)) => {
                let name = (ctx.tree.is_some() || ctx.save.is_some()).then(|| namer.claim(&url));
                let ctx = Arc::clone(&ctx);
                let done = done.clone();
                tokio::spawn(async move {
                    let result = ctx.process(&text, &url, name).await;
                    let finished = ctx.finish(&text, result, slot);
                    // A closed channel means the writer stopped; nothing is left to tell.
                    let _ = done.send((index, finished));
                });
            }
        }
        index += 1;
    }
}

/// `relative` with `.extension` added to its full name.
fn with_extension(relative: &Path, extension: &str) -> PathBuf {
    let mut name = relative.as_os_str().to_os_string();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}

/// What became of a URL that did not fail: its body-block count (`None`
/// when skipped) and the bytes for the stream.
type Finished = (Option<usize>, Option<Vec<u8>>);

impl Ctx {
    /// Fetches one URL and has it cleaned on the pool.
    async fn process(
        self: &Arc<Self>,
        text: &str,
        url: &Url,
        name: Option<PathBuf>,
    ) -> Result<Finished, Failure> {
        let output = match (&self.tree, &self.options.target, &name) {
            (Some(tree), Target::OutDir { format, .. }, Some(name)) => {
                Some(tree.root().join(with_extension(name, format.extension())))
            }
            _ => None,
        };
        if let (Some(tree), Some(path)) = (&self.tree, &output) {
            if tree.keeps(path) {
                return Ok((None, None));
            }
        }
        let save_path = match (&self.save, &name) {
            (Some(save), Some(name)) => Some(save.root().join(with_extension(name, "html"))),
            _ => None,
        };
        // Never closed, so always granted.
        let _page = self.pages.acquire().await.ok();
        let body = http::fetch(self, text, url, http::Purpose::Page).await?;
        let fetched_at = jiff::Timestamp::now();
        let fetched_at = jiff::Timestamp::from_second(fetched_at.as_second())
            .unwrap_or(fetched_at)
            .to_string();
        let input = Input {
            origin: Origin::Url(Box::new(Fetched {
                url: text.to_string(),
                final_url: body.final_url.to_string(),
                status: body.status,
                fetched_at,
                content_type: body.content_type.clone(),
            })),
            bytes: body.bytes,
            content_type: body.content_type,
        };
        let (sender, receiver) = oneshot::channel();
        let ctx = Arc::clone(self);
        let final_url = body.final_url.to_string();
        let status = body.status;
        self.clean_pool.spawn(move || {
            let result = ctx.clean(&input, output.as_deref(), save_path.as_deref());
            // The task waits for this; if it is gone, so is the run.
            let _ = sender.send(result);
        });
        let result = receiver.await.unwrap_or_else(|_| {
            Err(Error::new(
                text,
                ErrorKind::Internal,
                "the cleaning thread stopped; this is a bug in unchrome",
            ))
        });
        result.map_err(|error| Failure {
            error,
            status: Some(status),
            final_url: Some(final_url),
        })
    }

    /// Saves, cleans, renders and writes one fetched page (on the cleaning pool).
    fn clean(
        &self,
        input: &Input,
        output: Option<&Path>,
        save: Option<&Path>,
    ) -> Result<Finished, Error> {
        let origin = input.origin.to_string();
        if let (Some(tree), Some(path)) = (&self.save, save) {
            tree.write(path, &input.bytes)
                .map_err(|message| Error::new(&origin, ErrorKind::Write, message))?;
        }
        let page = clean_catching_panics(input, &self.config)?;
        let internal =
            |e: serde_json::Error| Error::new(&origin, ErrorKind::Internal, e.to_string());
        let record = match (&self.options.target, &self.tree, output) {
            (Target::OutDir { format, .. }, Some(tree), Some(path)) => {
                let bytes = render_file(&page, *format).map_err(internal)?;
                tree.write(path, &bytes)
                    .map_err(|message| Error::new(&origin, ErrorKind::Write, message))?;
                None
            }
            (Target::Stream(format), _, _) => {
                Some(render_stream(&page, *format).map_err(internal)?)
            }
            (Target::One(format), _, _) => Some(render_file(&page, *format).map_err(internal)?),
            _ => None,
        };
        Ok((Some(page.body.len()), record))
    }

    /// The finished URL as the writer takes it.
    fn finish(
        &self,
        origin: &str,
        result: Result<Finished, Failure>,
        slot: OwnedSemaphorePermit,
    ) -> Done {
        match result {
            Ok((Some(body_blocks), record)) => Done {
                report: Report {
                    origin: origin.to_string(),
                    outcome: Outcome::Cleaned { body_blocks },
                },
                record,
                _slot: slot,
            },
            Ok((None, _)) => Done {
                report: Report {
                    origin: origin.to_string(),
                    outcome: Outcome::Skipped,
                },
                record: None,
                _slot: slot,
            },
            Err(failure) => {
                let record = match self.options.target {
                    Target::Stream(StreamFormat::JsonLines) | Target::OutDir { .. } => {
                        json_line(&error_record(&failure)).ok()
                    }
                    Target::Stream(StreamFormat::Text(_)) | Target::One(_) => None,
                };
                Done {
                    report: Report {
                        origin: failure.error.origin.clone(),
                        outcome: Outcome::Failed(failure.error),
                    },
                    record,
                    _slot: slot,
                }
            }
        }
    }
}

/// Puts finished URLs back in order and writes them.
struct Writer<'a> {
    out: &'a mut dyn Write,
    observe: &'a mut dyn FnMut(&Report),
    reorder: order::Reorder<Done>,
    errors: Option<ErrorLog>,
    summary: Summary,
    failure: Option<BatchError>,
}

impl Writer<'_> {
    fn accept(&mut self, index: usize, done: Done) -> Result<(), BatchError> {
        self.reorder.push(index, done);
        while let Some(done) = self.reorder.pop_ready() {
            self.emit(&done)?;
        }
        Ok(())
    }

    fn emit(&mut self, done: &Done) -> Result<(), BatchError> {
        match &done.report.outcome {
            Outcome::Cleaned { .. } => self.summary.cleaned += 1,
            Outcome::Skipped => self.summary.skipped += 1,
            Outcome::Failed(_) => self.summary.failed += 1,
            Outcome::Warning(_) => self.summary.warnings += 1,
        }
        if let Some(bytes) = &done.record {
            let is_error = matches!(done.report.outcome, Outcome::Failed(_));
            match (&mut self.errors, is_error) {
                (Some(log), true) => log
                    .push(bytes)
                    .map_err(BatchError::out_dir(Path::new(ERRORS_FILE)))?,
                _ => self.out.write_all(bytes).map_err(BatchError::Output)?,
            }
        }
        (self.observe)(&done.report);
        Ok(())
    }
}
