//! Fetch mode of the real binary against a real HTTP server started here on
//! 127.0.0.1 (port 0): normal pages, error statuses, retries, Retry-After,
//! redirect chains and loops, timeouts, a 100 MB body, a PDF, gzip, a
//! charset given only in the header, robots.txt, other schemes, and the
//! per-host limit. No request leaves 127.0.0.0/8.

mod common;

use std::collections::HashMap;
use std::convert::Infallible;
use std::io::Write as _;
use std::net::SocketAddr;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{combinators::BoxBody, BodyExt, Full, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::Value;

/// Size of the huge body the server streams.
const HUGE_BYTES: usize = 100 * 1024 * 1024;
/// Chunk size of the streamed huge body.
const HUGE_CHUNK: usize = 64 * 1024;
/// How long the slow page takes to answer (beyond the tests' --timeout).
const SLOW: Duration = Duration::from_secs(5);
/// How long each counted page takes, so that requests overlap.
const PAGE_DELAY: Duration = Duration::from_millis(40);

/// What the server saw.
#[derive(Default)]
struct State {
    /// Requests per path.
    hits: Mutex<HashMap<String, usize>>,
    /// Requests under way now, and the most ever, per Host header.
    in_flight: Mutex<HashMap<String, (usize, usize)>>,
    /// User-Agent of the last page request.
    user_agent: Mutex<String>,
    requests: AtomicUsize,
}

struct Server {
    addr: SocketAddr,
    state: Arc<State>,
    _runtime: tokio::runtime::Runtime,
}

impl Server {
    fn start() -> Server {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let state = Arc::new(State::default());
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .expect("bound");
        let addr = listener.local_addr().expect("address");
        let served = Arc::clone(&state);
        runtime.spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let state = Arc::clone(&served);
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |request| {
                        let state = Arc::clone(&state);
                        async move { Ok::<_, Infallible>(route(request, &state).await) }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Server {
            addr,
            state,
            _runtime: runtime,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn hits(&self, path: &str) -> usize {
        self.state
            .hits
            .lock()
            .expect("lock")
            .get(path)
            .copied()
            .unwrap_or(0)
    }

    fn max_in_flight(&self) -> usize {
        self.state
            .in_flight
            .lock()
            .expect("lock")
            .values()
            .map(|(_, max)| *max)
            .max()
            .unwrap_or(0)
    }
}

type Body = BoxBody<Bytes, Infallible>;

fn full(bytes: impl Into<Bytes>) -> Body {
    Full::new(bytes.into()).boxed()
}

fn respond(status: StatusCode, headers: &[(&str, &str)], body: Body) -> Response<Body> {
    let mut builder = Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body).expect("response")
}

fn article(title: &str, sentence: &str) -> String {
    format!(
        "<html><head><title>{title}</title></head><body><nav><a href=/>Home</a></nav><article><h1>{title}</h1>\
         <p>{sentence} The first paragraph of the page has enough words in it to count as prose, and ends well.</p>\
         <p>A second paragraph follows with more ordinary words, so that the article is clearly the main content.</p>\
         </article></body></html>"
    )
}

const HTML: &str = "text/html; charset=utf-8";

async fn route(request: Request<Incoming>, state: &State) -> Response<Body> {
    let path = request.uri().path().to_string();
    state.requests.fetch_add(1, Ordering::SeqCst);
    let hit = {
        let mut hits = state.hits.lock().expect("lock");
        let n = hits.entry(path.clone()).or_insert(0);
        *n += 1;
        *n
    };
    let header = |name: &str| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    match path.as_str() {
        "/robots.txt" => respond(
            StatusCode::OK,
            &[("content-type", "text/plain")],
            full("User-agent: *\nDisallow: /private\n"),
        ),
        p if p.starts_with("/page/") || p.starts_with("/private/") => {
            *state.user_agent.lock().expect("lock") = header("user-agent");
            let host = header("host");
            {
                let mut flight = state.in_flight.lock().expect("lock");
                let entry = flight.entry(host.clone()).or_insert((0, 0));
                entry.0 += 1;
                entry.1 = entry.1.max(entry.0);
            }
            tokio::time::sleep(PAGE_DELAY).await;
            if let Some(entry) = state.in_flight.lock().expect("lock").get_mut(&host) {
                entry.0 -= 1;
            }
            respond(
                StatusCode::OK,
                &[("content-type", HTML)],
                full(article(
                    &format!("Page {p}"),
                    &format!("This is the page at {p}."),
                )),
            )
        }
        "/missing" => respond(
            StatusCode::NOT_FOUND,
            &[("content-type", HTML)],
            full("<p>no</p>"),
        ),
        "/flaky" if hit == 1 => respond(StatusCode::INTERNAL_SERVER_ERROR, &[], full("oops")),
        "/flaky" => respond(
            StatusCode::OK,
            &[("content-type", HTML)],
            full(article("Flaky", "It worked the second time.")),
        ),
        "/busy" if hit == 1 => respond(
            StatusCode::TOO_MANY_REQUESTS,
            &[("retry-after", "1")],
            full("slow down"),
        ),
        "/busy" => respond(
            StatusCode::OK,
            &[("content-type", HTML)],
            full(article("Busy", "Served after waiting.")),
        ),
        "/r1" => respond(
            StatusCode::MOVED_PERMANENTLY,
            &[("location", "/r2")],
            full(""),
        ),
        "/r2" => respond(
            StatusCode::FOUND,
            &[("location", "/page/redirected")],
            full(""),
        ),
        "/loop-a" => respond(StatusCode::FOUND, &[("location", "/loop-b")], full("")),
        "/loop-b" => respond(StatusCode::FOUND, &[("location", "/loop-a")], full("")),
        "/to-ftp" => respond(
            StatusCode::FOUND,
            &[("location", "ftp://127.0.0.1/file")],
            full(""),
        ),
        "/slow" => {
            tokio::time::sleep(SLOW).await;
            respond(
                StatusCode::OK,
                &[("content-type", HTML)],
                full(article("Slow", "Too late.")),
            )
        }
        "/huge" => {
            let chunk = Bytes::from(vec![b'a'; HUGE_CHUNK]);
            let frames = futures_util::stream::iter(
                (0..HUGE_BYTES / HUGE_CHUNK)
                    .map(move |_| Ok::<_, Infallible>(Frame::data(chunk.clone()))),
            );
            respond(
                StatusCode::OK,
                &[("content-type", HTML)],
                StreamBody::new(frames).boxed(),
            )
        }
        "/doc.pdf" => respond(
            StatusCode::OK,
            &[("content-type", "application/pdf")],
            full(&b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"[..]),
        ),
        "/gzip" => {
            assert!(
                header("accept-encoding").contains("gzip"),
                "the client asks for gzip"
            );
            let mut encoder =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            encoder
                .write_all(article("Compressed", "This page travelled gzip-encoded.").as_bytes())
                .expect("compressed");
            respond(
                StatusCode::OK,
                &[("content-type", HTML), ("content-encoding", "gzip")],
                full(encoder.finish().expect("compressed")),
            )
        }
        "/cp1251" => {
            let page = article(
                "Новости",
                "Привет, мир! Это статья на русском языке, и в ней довольно много слов.",
            );
            let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&page);
            respond(
                StatusCode::OK,
                &[("content-type", "text/html; charset=windows-1251")],
                full(bytes.into_owned()),
            )
        }
        _ => respond(StatusCode::NOT_FOUND, &[], full("")),
    }
}

fn unchrome(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_unchrome"))
        .args(args)
        // Requests go to the test server, never through a proxy.
        .env_remove("HTTP_PROXY")
        .env_remove("HTTPS_PROXY")
        .env_remove("ALL_PROXY")
        .env_remove("http_proxy")
        .env_remove("https_proxy")
        .env_remove("all_proxy")
        .output()
        .expect("binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn body_text(page: &Value) -> String {
    page["body"]
        .as_array()
        .expect("a body")
        .iter()
        .filter_map(|b| b["text"].as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Flags that keep the tests quick.
const QUICK: [&str; 6] = ["--delay", "0", "--timeout", "1.5", "--max-bytes", "1000000"];

#[test]
fn every_url_ends_as_specified_and_is_accounted_for() {
    let server = Server::start();
    // (path or URL, expected error kind or None for a page whose body contains the text)
    let cases: Vec<(String, Result<&str, &str>)> = vec![
        (
            server.url("/page/one"),
            Ok("This is the page at /page/one."),
        ),
        (server.url("/missing"), Err("http-status")),
        (server.url("/flaky"), Ok("It worked the second time.")),
        (server.url("/busy"), Ok("Served after waiting.")),
        (
            server.url("/r1"),
            Ok("This is the page at /page/redirected."),
        ),
        (server.url("/loop-a"), Err("too-many-redirects")),
        (server.url("/slow"), Err("timeout")),
        (server.url("/huge"), Err("too-large")),
        (server.url("/doc.pdf"), Err("not-html")),
        (server.url("/gzip"), Ok("This page travelled gzip-encoded.")),
        (
            server.url("/cp1251"),
            Ok("Привет, мир! Это статья на русском языке"),
        ),
        (server.url("/private/secret"), Err("robots")),
        (server.url("/to-ftp"), Err("unsupported-scheme")),
        (
            "ftp://127.0.0.1/file".to_string(),
            Err("unsupported-scheme"),
        ),
        ("http://".to_string(), Err("invalid-url")),
    ];
    let urls: Vec<&str> = cases.iter().map(|(u, _)| u.as_str()).collect();
    let mut args = QUICK.to_vec();
    args.extend(["--retries", "2"]);
    args.extend(&urls);
    let started = Instant::now();
    let out = unchrome(&args);
    let elapsed = started.elapsed();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(elapsed < Duration::from_secs(10), "took {elapsed:?}");
    let lines = common::json_lines(&out);
    assert_eq!(lines.len(), cases.len(), "one line per URL:\n{err}");
    let validator = common::schema_validator();
    let mut failed = 0;
    for ((url, expected), line) in cases.iter().zip(&lines) {
        assert!(
            validator.is_valid(line),
            "{url}: not valid against the schema: {line}"
        );
        assert_eq!(line["source"]["kind"], "url");
        assert_eq!(line["source"]["url"], url.as_str(), "input order kept");
        match expected {
            Ok(text) => {
                assert!(line.get("error").is_none(), "{url}: {line}");
                assert!(body_text(line).contains(text), "{url}: {}", body_text(line));
                assert_eq!(line["source"]["status"], 200);
                assert!(line["source"]["fetched_at"]
                    .as_str()
                    .is_some_and(|t| t.ends_with('Z')));
            }
            Err(kind) => {
                failed += 1;
                assert_eq!(line["error"]["kind"], *kind, "{url}: {line}");
                assert!(
                    err.contains(&format!("unchrome: {url}: ")),
                    "a stderr line for {url}:\n{err}"
                );
            }
        }
    }
    // The details each case is about.
    assert_eq!(lines[1]["source"]["status"], 404);
    assert_eq!(
        lines[4]["source"]["final_url"],
        server.url("/page/redirected")
    );
    assert_eq!(
        lines[10]["source"]["content_type"],
        "text/html; charset=windows-1251"
    );
    assert_eq!(lines[10]["title"], "Новости");
    assert_eq!(server.hits("/flaky"), 2, "one retry after the 500");
    assert_eq!(server.hits("/busy"), 2, "one retry after the 429");
    assert_eq!(server.hits("/private/secret"), 0, "robots.txt is obeyed");
    assert_eq!(
        server.hits("/robots.txt"),
        1,
        "robots.txt is fetched once per host"
    );
    assert_eq!(server.hits("/doc.pdf"), 1);
    assert!(
        state_user_agent(&server).starts_with(&format!("unchrome/{}", env!("CARGO_PKG_VERSION"))),
        "{}",
        state_user_agent(&server)
    );
    let summary = err.lines().last().unwrap_or_default();
    assert!(
        summary.starts_with(&format!(
            "unchrome: cleaned {}, failed {failed}, skipped 0 in ",
            cases.len() - failed
        )),
        "{err}"
    );
}

fn state_user_agent(server: &Server) -> String {
    server.state.user_agent.lock().expect("lock").clone()
}

#[test]
fn retry_after_is_waited_for() {
    let server = Server::start();
    let started = Instant::now();
    let out = unchrome(&["--delay", "0", &server.url("/busy")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited {:?}",
        started.elapsed()
    );
}

#[test]
fn a_huge_body_is_refused_fast_without_reading_it_all() {
    let server = Server::start();
    let started = Instant::now();
    let out = unchrome(&[
        "--delay",
        "0",
        "--jsonl",
        "--max-bytes",
        "2000000",
        &server.url("/huge"),
    ]);
    let elapsed = started.elapsed();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(common::json_lines(&out)[0]["error"]["kind"], "too-large");
    assert!(elapsed < Duration::from_secs(3), "took {elapsed:?}");
}

#[test]
fn robots_can_be_ignored_and_one_url_is_one_pretty_object() {
    let server = Server::start();
    let url = server.url("/private/secret");
    let out = unchrome(&["--delay", "0", "--ignore-robots", &url]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("{\n"), "pretty: {text}");
    let page: Value = serde_json::from_str(&text).expect("one JSON object");
    assert!(common::schema_validator().is_valid(&page));
    assert_eq!(page["source"]["kind"], "url");
    assert_eq!(page["source"]["final_url"], url.as_str());
    assert!(body_text(&page).contains("This is the page at /private/secret."));
    assert_eq!(
        server.hits("/robots.txt"),
        0,
        "--ignore-robots does not even ask"
    );
    // A failing single URL: nothing on stdout, the reason and the summary on stderr.
    let out = unchrome(&["--delay", "0", &server.url("/missing")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(err.contains("HTTP 404 Not Found (http-status)"), "{err}");
    assert!(
        err.lines()
            .last()
            .unwrap_or_default()
            .starts_with("unchrome: cleaned 0, failed 1"),
        "{err}"
    );
}

#[test]
fn requests_per_host_stay_under_the_limit() {
    let server = Server::start();
    let list = tempfile::NamedTempFile::new().expect("temp file");
    let mut text = String::from("# pages\n\n");
    for i in 0..16 {
        text.push_str(&server.url(&format!("/page/{i}")));
        text.push('\n');
    }
    std::fs::write(list.path(), text).expect("list written");
    let list_path = list.path().to_str().expect("UTF-8 path");
    let out = unchrome(&[
        "--delay",
        "0",
        "--concurrency",
        "8",
        "--per-host",
        "2",
        "--urls-from",
        list_path,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines = common::json_lines(&out);
    assert_eq!(lines.len(), 16);
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line["source"]["url"], server.url(&format!("/page/{i}")));
    }
    assert_eq!(
        server.max_in_flight(),
        2,
        "at most --per-host at once, and that many used"
    );
}

#[test]
fn the_delay_spaces_requests_to_a_host() {
    let server = Server::start();
    let urls: Vec<String> = (0..3).map(|i| server.url(&format!("/page/d{i}"))).collect();
    let started = Instant::now();
    let out = unchrome(&[
        "--ignore-robots",
        "--delay",
        "300",
        "--per-host",
        "4",
        &urls[0],
        &urls[1],
        &urls[2],
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        started.elapsed() >= Duration::from_millis(600),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn out_dir_and_save_html_name_files_by_host_and_path() {
    let server = Server::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let out_dir = dir.path().join("out");
    let raw_dir = dir.path().join("raw");
    let urls = [
        server.url("/page/a"),
        server.url("/page/.hidden%00x/y z"),
        server.url("/page/b?q=1"),
        server.url("/missing"),
    ];
    let mut args = vec![
        "--delay",
        "0",
        "--out-dir",
        out_dir.to_str().expect("UTF-8"),
        "--save-html",
        raw_dir.to_str().expect("UTF-8"),
    ];
    args.extend(urls.iter().map(String::as_str));
    let out = unchrome(&args);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let host = format!("127.0.0.1_{}", server.addr.port());
    let page: Value = serde_json::from_str(
        &std::fs::read_to_string(out_dir.join(&host).join("page/a.json")).expect("output written"),
    )
    .expect("JSON");
    assert!(body_text(&page).contains("/page/a"));
    assert!(
        out_dir
            .join(&host)
            .join("page/_.hidden%00x/y%20z.json")
            .is_file(),
        "no hidden names, no NUL, no spaces"
    );
    let query_outputs: Vec<_> = std::fs::read_dir(out_dir.join(&host).join("page"))
        .expect("listed")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("b_q"))
        .collect();
    assert_eq!(query_outputs.len(), 1, "the query gets a hashed name");
    let raw = std::fs::read_to_string(raw_dir.join(&host).join("page/a.html")).expect("raw kept");
    assert!(raw.contains("This is the page at /page/a."));
    let errors = std::fs::read_to_string(out_dir.join("_errors.jsonl")).expect("error log");
    let record: Value = serde_json::from_str(errors.trim()).expect("one record");
    assert_eq!(record["error"]["kind"], "http-status");
    assert_eq!(record["source"]["url"], urls[3].as_str());
}

#[test]
fn urls_and_files_do_not_mix() {
    let out = unchrome(&["http://127.0.0.1:9/a", "Cargo.toml"]);
    assert_eq!(out.status.code(), Some(2));
}
