//! `fetch-bench`: throughput and peak memory of the `unchrome` binary's fetch
//! mode against a local HTTP server. The server (hyper, on loopback
//! addresses 127.0.0.1 … 127.0.0.N, one port each, so that they count as N
//! hosts) serves `--pages` distinct pages — the folder's pages cycled, each
//! with a comment naming its number appended — after `--latency` (a
//! network's round trip), and counts the requests under way per host, from
//! arrival until the body is sent. `unchrome --urls-from LIST --jsonl --concurrency C
//! --per-host P --delay 0 -q` runs under `/usr/bin/time -v`, its JSON Lines
//! into /dev/null; the report gives pages/s, peak RSS and the most
//! concurrent requests the server saw per host and overall, against the
//! targets of issue 7. No traffic leaves 127.0.0.0/8.

use std::collections::HashMap;
use std::convert::Infallible;
use std::fmt::Write as _;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use anyhow::{bail, Context};
use bytes::Bytes;
use http_body_util::Full;
use hyper::body::{Body, Frame, SizeHint};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::json;

use crate::batch_bench::load_sources;
use crate::common::{warn, Report};
use crate::gnu_time::{self, unchrome_binary, KIB_PER_MIB, MAX_RSS_FIELD, TIME_BINARY};

/// Pages served when `--pages` is not given.
pub const DEFAULT_PAGES: &str = "2000";
/// `--concurrency` of the measured run when not given.
pub const DEFAULT_CONCURRENCY: &str = "64";
/// `--per-host` of the measured run when not given.
pub const DEFAULT_PER_HOST: &str = "8";
/// Loopback hosts served when `--hosts` is not given.
pub const DEFAULT_HOSTS: &str = "16";
/// Milliseconds the server waits before each answer when `--latency` is not given (a network's
/// round trip: without it loopback answers at once and no requests overlap).
pub const DEFAULT_LATENCY_MS: &str = "50";

/// Target: peak RSS of the unchrome run at most this many MiB.
const TARGET_PEAK_RSS_MIB: f64 = 128.0;
/// Threads of the server's runtime.
const SERVER_THREADS: usize = 2;
/// The first octets of the loopback addresses served (127.0.0.x).
const LOOPBACK_PREFIX: [u8; 3] = [127, 0, 0];

/// Flags of `unchrome-eval fetch-bench`.
#[derive(Debug)]
pub struct Options {
    /// A folder of `.html` files, or a benchmark root holding `html/`.
    pub src: PathBuf,
    /// Distinct pages served and fetched.
    pub pages: usize,
    /// `--concurrency` of the run.
    pub concurrency: usize,
    /// `--per-host` of the run.
    pub per_host: usize,
    /// Loopback hosts the pages are spread over.
    pub hosts: usize,
    /// The `unchrome` binary (default: beside this one).
    pub binary: Option<PathBuf>,
    /// The server's wait before each answer.
    pub latency: std::time::Duration,
}

/// Requests under way now and the most seen, per host, and overall.
#[derive(Debug, Default)]
struct Counts {
    per_host: HashMap<String, (usize, usize)>,
    total: (usize, usize),
}

/// What the server serves and counts.
struct Site {
    sources: Vec<Vec<u8>>,
    pages: usize,
    counts: Mutex<Counts>,
}

impl Site {
    fn enter(&self, host: &str) {
        let mut counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        let entry = counts.per_host.entry(host.to_string()).or_insert((0, 0));
        entry.0 += 1;
        entry.1 = entry.1.max(entry.0);
        counts.total.0 += 1;
        counts.total.1 = counts.total.1.max(counts.total.0);
    }

    fn leave(&self, host: &str) {
        let mut counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(entry) = counts.per_host.get_mut(host) {
            entry.0 = entry.0.saturating_sub(1);
        }
        counts.total.0 = counts.total.0.saturating_sub(1);
    }

    /// Page `i`: a source page with its number appended, so no two are alike.
    fn page(&self, i: usize) -> Option<Vec<u8>> {
        if i >= self.pages || self.sources.is_empty() {
            return None;
        }
        let mut page = self.sources[i % self.sources.len()].clone();
        page.extend_from_slice(format!("\n<!-- unchrome fetch-bench: page {i} -->\n").as_bytes());
        Some(page)
    }

    fn answer(self: &Arc<Self>, request: &Request<hyper::body::Incoming>) -> Response<Counted> {
        let host = request
            .headers()
            .get(hyper::header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or_default()
            .to_string();
        self.enter(&host);
        let page = request
            .uri()
            .path()
            .strip_prefix("/p/")
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|i| self.page(i));
        let (status, bytes) = match page {
            Some(bytes) => (StatusCode::OK, Bytes::from(bytes)),
            // robots.txt among others: a 404 allows everything.
            None => (StatusCode::NOT_FOUND, Bytes::new()),
        };
        let mut response = Response::new(Counted {
            inner: Full::new(bytes),
            _guard: InFlight {
                site: Arc::clone(self),
                host,
            },
        });
        *response.status_mut() = status;
        response.headers_mut().insert(
            hyper::header::CONTENT_TYPE,
            hyper::header::HeaderValue::from_static("text/html; charset=utf-8"),
        );
        response
    }
}

/// A request under way, from its arrival until its body is sent (dropped).
struct InFlight {
    site: Arc<Site>,
    host: String,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.site.leave(&self.host);
    }
}

/// A response body that counts its request as under way until it is sent.
struct Counted {
    inner: Full<Bytes>,
    _guard: InFlight,
}

impl Body for Counted {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        std::pin::Pin::new(&mut self.get_mut().inner).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// Starts listeners on 127.0.0.1 … 127.0.0.`hosts` (fewer if some cannot be bound).
fn serve(
    runtime: &tokio::runtime::Runtime,
    site: &Arc<Site>,
    hosts: usize,
    latency: std::time::Duration,
) -> anyhow::Result<Vec<SocketAddr>> {
    let mut addrs = Vec::new();
    for k in 1..=hosts.clamp(1, usize::from(u8::MAX - 1)) {
        let last = u8::try_from(k)?;
        let ip = Ipv4Addr::new(
            LOOPBACK_PREFIX[0],
            LOOPBACK_PREFIX[1],
            LOOPBACK_PREFIX[2],
            last,
        );
        let listener = match runtime.block_on(tokio::net::TcpListener::bind((ip, 0))) {
            Ok(listener) => listener,
            Err(e) => {
                warn(format!(
                    "cannot listen on {ip}: {e}; using {} hosts",
                    addrs.len()
                ));
                break;
            }
        };
        addrs.push(listener.local_addr()?);
        let site = Arc::clone(site);
        runtime.spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let site = Arc::clone(&site);
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |request| {
                        // Counted from arrival: the guard is in the response.
                        let response = site.answer(&request);
                        async move {
                            tokio::time::sleep(latency).await;
                            Ok::<_, Infallible>(response)
                        }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
    }
    if addrs.is_empty() {
        bail!("could not listen on any loopback address");
    }
    Ok(addrs)
}

/// Serves the pages, runs unchrome once and reports.
pub fn run(options: &Options) -> anyhow::Result<Report> {
    let binary = unchrome_binary(options.binary.as_ref())?;
    let sources = load_sources(&options.src)?
        .into_iter()
        .map(|(_, bytes)| bytes)
        .collect();
    let site = Arc::new(Site {
        sources,
        pages: options.pages,
        counts: Mutex::new(Counts::default()),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(SERVER_THREADS)
        .enable_all()
        .build()?;
    let addrs = serve(&runtime, &site, options.hosts, options.latency)?;
    // Page i on host i mod N: the hosts take turns, as a list of many sites would.
    let mut list = tempfile::NamedTempFile::new()?;
    {
        use std::io::Write as _;
        for i in 0..options.pages {
            writeln!(list, "http://{}/p/{i}", addrs[i % addrs.len()])?;
        }
        list.flush()?;
    }
    let mut command = Command::new(TIME_BINARY);
    command
        .arg("-v")
        .arg(&binary)
        .arg("--urls-from")
        .arg(list.path())
        .args(["--jsonl", "-q", "--delay", "0"])
        .arg("--concurrency")
        .arg(options.concurrency.to_string())
        .arg("--per-host")
        .arg(options.per_host.to_string())
        .stdout(Stdio::null());
    for proxy in [
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ] {
        command.env_remove(proxy);
    }
    let started = Instant::now();
    let output = command
        .output()
        .context("running unchrome under /usr/bin/time")?;
    let seconds = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let expected = format!(
        "unchrome: cleaned {}, failed 0, skipped 0 in ",
        options.pages
    );
    let complete = stderr.lines().any(|l| l.starts_with(&expected));
    if !complete {
        warn(format!(
            "unexpected result for {} pages ({}):\n{stderr}",
            options.pages, output.status
        ));
    }
    let peak_rss_kib: u64 = gnu_time::field(&stderr, MAX_RSS_FIELD)
        .with_context(|| format!("no {MAX_RSS_FIELD:?} in the output of time -v"))?
        .parse()?;
    let counts = site.counts.lock().unwrap_or_else(PoisonError::into_inner);
    let max_per_host = counts
        .per_host
        .values()
        .map(|(_, max)| *max)
        .max()
        .unwrap_or(0);
    let max_total = counts.total.1;
    drop(counts);
    runtime.shutdown_background();

    let rate = options.pages as f64 / seconds;
    let rss_mib = peak_rss_kib as f64 / KIB_PER_MIB;
    let verdicts = [
        (
            format!(
                "every page cleaned ({} of {})",
                if complete { options.pages } else { 0 },
                options.pages
            ),
            complete,
        ),
        (
            format!("peak RSS {rss_mib:.1} MiB (target <= {TARGET_PEAK_RSS_MIB} MiB)"),
            rss_mib <= TARGET_PEAK_RSS_MIB,
        ),
        (
            format!(
                "max concurrent requests per host {max_per_host} (target <= --per-host {})",
                options.per_host
            ),
            max_per_host <= options.per_host,
        ),
        (
            format!(
                "max concurrent requests overall {max_total} (target <= --concurrency {})",
                options.concurrency
            ),
            max_total <= options.concurrency,
        ),
    ];
    let mut table = String::new();
    let _ = writeln!(
        table,
        "fetch-bench: {} pages over {} loopback hosts, {} ms latency; unchrome --urls-from LIST --jsonl --concurrency {} --per-host {} --delay 0 -q",
        options.pages,
        addrs.len(),
        options.latency.as_millis(),
        options.concurrency,
        options.per_host
    );
    let _ = writeln!(
        table,
        "{:>7} {:>10} {:>12} {:>15} {:>14} {:>13}",
        "pages", "seconds", "pages/s", "peak RSS (MiB)", "max per host", "max overall"
    );
    let _ = writeln!(
        table,
        "{:>7} {seconds:>10.2} {rate:>12.1} {rss_mib:>15.1} {max_per_host:>14} {max_total:>13}",
        options.pages
    );
    for (text, met) in &verdicts {
        let _ = writeln!(table, "{} {text}", if *met { "MET " } else { "MISS" });
    }
    Ok(Report {
        section: "fetch-bench".to_string(),
        metrics: Vec::new(),
        json: json!({
            "pages": options.pages, "hosts": addrs.len(), "latency_ms": options.latency.as_millis(), "concurrency": options.concurrency,
            "per_host": options.per_host, "seconds": seconds, "pages_per_s": rate,
            "peak_rss_mib": rss_mib, "max_concurrent_per_host": max_per_host,
            "max_concurrent_overall": max_total,
            "targets": verdicts.iter().map(|(t, m)| json!({"target": t, "met": m})).collect::<Vec<_>>(),
        }),
        table,
    })
}
