//! One URL over HTTP(S): the request with its per-host and overall slots,
//! the total `--timeout`, redirects followed by hand (at most
//! `--max-redirects`, loops and other schemes refused, robots.txt checked at
//! every hop), retries with exponential backoff and jitter on connect errors,
//! 429 and 5xx (a `Retry-After` in seconds or as an HTTP date is honoured up
//! to `--max-retry-after`), the content type checked before the body is read,
//! and the body read chunk by chunk under the size limit — on the
//! decompressed bytes, as reqwest decodes gzip, brotli and deflate on the fly.

use std::collections::HashSet;
use std::error::Error as _;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, CONTENT_TYPE, LOCATION, RETRY_AFTER};
use reqwest::StatusCode;
use url::Url;

use super::{robots, urls, Ctx, Failure, FetchOptions};
use crate::error::{Error, ErrorKind};

/// Media types fetched as pages; any other declared type is refused as `not-html`.
pub const PAGE_TYPES: [&str; 4] = [
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "text/markdown",
];

/// Bytes of a robots.txt that are read; the rest is ignored (RFC 9309 asks for at least 500 KiB).
pub const ROBOTS_MAX_BYTES: usize = 512 * 1024;

/// The first wait before a retry; each further retry doubles it.
pub const RETRY_BASE: Duration = Duration::from_millis(500);

/// The longest wait between retries that backoff reaches.
pub const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// Doublings of [`RETRY_BASE`] after which the backoff stops growing (keeps the shift in range).
const MAX_DOUBLINGS: u32 = 16;

/// Largest buffer reserved up front for a body of announced length.
const MAX_INITIAL_BUFFER: usize = 1 << 20;

/// What a URL is fetched for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Purpose {
    /// A page to clean: robots.txt applies, the content type must be a page's.
    Page,
    /// A robots.txt: read up to [`ROBOTS_MAX_BYTES`], whatever its type.
    Robots,
}

/// A fetched body and what came with it.
#[derive(Debug)]
pub(crate) struct Body {
    /// The bytes, decompressed.
    pub bytes: Vec<u8>,
    /// The URL of the final response.
    pub final_url: Url,
    /// Its status.
    pub status: u16,
    /// Its `Content-Type` header.
    pub content_type: Option<String>,
}

/// The answer to one request.
enum Answer {
    /// A redirect to `Location`.
    Redirect(String),
    /// A body, with its status and content type.
    Body {
        bytes: Vec<u8>,
        status: u16,
        content_type: Option<String>,
    },
}

/// A failed request, and whether (and after how long) it may be tried again.
struct Attempt {
    failure: Failure,
    /// `None`: final. `Some(None)`: retry after the backoff. `Some(Some(d))`: retry after `d`.
    retry: Option<Option<Duration>>,
}

impl Attempt {
    fn fatal(failure: Failure) -> Self {
        Attempt {
            failure,
            retry: None,
        }
    }
}

/// The HTTP client of a run: no automatic redirects (they are followed here),
/// gzip, brotli and deflate decoding, the user agent and the connect timeout.
pub(crate) fn client(options: &FetchOptions) -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(options.user_agent.clone())
        .connect_timeout(options.connect_timeout)
        .gzip(true)
        .brotli(true)
        .deflate(true)
        .build()
}

fn failure(
    origin: &str,
    kind: ErrorKind,
    message: impl Into<String>,
    status: Option<u16>,
    url: &Url,
) -> Failure {
    Failure {
        error: Error::new(origin, kind, message),
        status,
        final_url: Some(url.to_string()),
    }
}

/// Fetches `url` (asked for as `origin`), following redirects.
pub(crate) async fn fetch(
    ctx: &Ctx,
    origin: &str,
    url: &Url,
    purpose: Purpose,
) -> Result<Body, Failure> {
    let mut current = url.clone();
    let mut seen = HashSet::from([current.as_str().to_string()]);
    let mut redirects = 0usize;
    loop {
        if purpose == Purpose::Page && !ctx.options.ignore_robots {
            robots::check(ctx, origin, &current).await?;
        }
        match with_retries(ctx, origin, &current, purpose).await? {
            Answer::Body {
                bytes,
                status,
                content_type,
            } => {
                return Ok(Body {
                    bytes,
                    final_url: current,
                    status,
                    content_type,
                })
            }
            Answer::Redirect(location) => {
                let mut next = current.join(&location).map_err(|e| {
                    failure(
                        origin,
                        ErrorKind::Network,
                        format!("redirect to an invalid Location {location:?}: {e}"),
                        None,
                        &current,
                    )
                })?;
                next.set_fragment(None);
                if let Err(message) = urls::check_scheme(&next) {
                    return Err(failure(
                        origin,
                        ErrorKind::UnsupportedScheme,
                        format!("redirect to {next} refused: {message}"),
                        None,
                        &current,
                    ));
                }
                if !seen.insert(next.as_str().to_string()) {
                    return Err(failure(
                        origin,
                        ErrorKind::TooManyRedirects,
                        format!("redirect loop: {current} leads back to {next}"),
                        None,
                        &current,
                    ));
                }
                redirects += 1;
                if redirects > ctx.options.max_redirects {
                    return Err(failure(
                        origin,
                        ErrorKind::TooManyRedirects,
                        format!(
                            "more than {} redirects (--max-redirects)",
                            ctx.options.max_redirects
                        ),
                        None,
                        &current,
                    ));
                }
                current = next;
            }
        }
    }
}

/// One URL, tried again on connect errors, 429 and 5xx.
async fn with_retries(
    ctx: &Ctx,
    origin: &str,
    url: &Url,
    purpose: Purpose,
) -> Result<Answer, Failure> {
    let mut retries = 0u32;
    loop {
        match attempt(ctx, origin, url, purpose).await {
            Ok(answer) => return Ok(answer),
            Err(Attempt {
                retry: Some(after), ..
            }) if retries < ctx.options.retries => {
                let wait = after.unwrap_or_else(|| backoff(retries));
                retries += 1;
                tokio::time::sleep(wait).await;
            }
            Err(attempt) => return Err(attempt.failure),
        }
    }
}

/// The wait before retry number `retry + 1`: [`RETRY_BASE`] doubled per
/// retry, at most [`MAX_BACKOFF`], of which a random half to all is taken
/// (jitter, so that many clients do not retry in step).
pub fn backoff(retry: u32) -> Duration {
    let full = RETRY_BASE
        .saturating_mul(1 << retry.min(MAX_DOUBLINGS))
        .min(MAX_BACKOFF);
    full.mul_f64(0.5 + 0.5 * random_unit())
}

/// A random number in [0, 1): the standard library's randomly keyed hasher
/// is enough for jitter.
fn random_unit() -> f64 {
    /// Bits of an f64's mantissa.
    const MANTISSA_BITS: u32 = 53;
    let bits = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    (bits >> (u64::BITS - MANTISSA_BITS)) as f64 / (1u64 << MANTISSA_BITS) as f64
}

/// How long `Retry-After` asks to wait (seconds or an HTTP date), at most `cap`.
pub fn retry_after(headers: &HeaderMap, cap: Duration) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    let wait = match value.parse::<u64>() {
        Ok(seconds) => Duration::from_secs(seconds),
        Err(_) => httpdate::parse_http_date(value)
            .ok()?
            .duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    };
    Some(wait.min(cap))
}

/// One request: waits for a slot at the host and overall, then the exchange under `--timeout`.
async fn attempt(ctx: &Ctx, origin: &str, url: &Url, purpose: Purpose) -> Result<Answer, Attempt> {
    // The host's slot first: waiting for a busy host must not hold an overall slot.
    let _host = ctx.hosts.acquire(url.host_str().unwrap_or_default()).await;
    // Never closed, so always granted; without it the request would still be bounded by the host's slot.
    let _slot = ctx.global.acquire().await.ok();
    match tokio::time::timeout(ctx.options.timeout, exchange(ctx, origin, url, purpose)).await {
        Ok(result) => result,
        Err(_) => Err(Attempt::fatal(failure(
            origin,
            ErrorKind::Timeout,
            format!(
                "no complete answer within {:.1} s (--timeout)",
                ctx.options.timeout.as_secs_f64()
            ),
            None,
            url,
        ))),
    }
}

/// The text of an error and its causes.
fn chain(e: &reqwest::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

fn from_reqwest(origin: &str, url: &Url, e: &reqwest::Error) -> Attempt {
    let kind = if e.is_timeout() {
        ErrorKind::Timeout
    } else if e.is_decode() {
        ErrorKind::Undecodable
    } else {
        ErrorKind::Network
    };
    Attempt {
        failure: failure(origin, kind, chain(e), None, url),
        retry: e.is_connect().then_some(None),
    }
}

/// The media type of a `Content-Type` value, lower case, without parameters.
fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

async fn exchange(ctx: &Ctx, origin: &str, url: &Url, purpose: Purpose) -> Result<Answer, Attempt> {
    let mut response = ctx
        .client
        .get(url.clone())
        .send()
        .await
        .map_err(|e| from_reqwest(origin, url, &e))?;
    let status = response.status();
    let code = status.as_u16();
    if status.is_redirection() {
        if let Some(location) = response
            .headers()
            .get(LOCATION)
            .and_then(|l| l.to_str().ok())
        {
            return Ok(Answer::Redirect(location.to_string()));
        }
    }
    if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
        let after = retry_after(response.headers(), ctx.options.max_retry_after);
        return Err(Attempt {
            failure: failure(
                origin,
                ErrorKind::HttpStatus,
                format!("HTTP {status}"),
                Some(code),
                url,
            ),
            retry: Some(after),
        });
    }
    if !status.is_success() {
        return Err(Attempt::fatal(failure(
            origin,
            ErrorKind::HttpStatus,
            format!("HTTP {status}"),
            Some(code),
            url,
        )));
    }
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    if purpose == Purpose::Page {
        if let Some(declared) = &content_type {
            let media = media_type(declared);
            if !PAGE_TYPES.contains(&media.as_str()) {
                return Err(Attempt::fatal(failure(
                    origin,
                    ErrorKind::NotHtml,
                    format!("content type {media} is not a page (HTML or text); not read"),
                    Some(code),
                    url,
                )));
            }
        }
    }
    let limit = match purpose {
        Purpose::Page => usize::try_from(ctx.max_bytes).unwrap_or(usize::MAX),
        Purpose::Robots => ROBOTS_MAX_BYTES,
    };
    let too_large = || {
        Attempt::fatal(failure(
            origin,
            ErrorKind::TooLarge,
            format!("larger than the limit of {limit} bytes (--max-bytes); not read further"),
            Some(code),
            url,
        ))
    };
    let announced = response
        .content_length()
        .and_then(|len| usize::try_from(len).ok());
    if purpose == Purpose::Page && announced.is_some_and(|len| len > limit) {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(announced.unwrap_or(0).min(limit).min(MAX_INITIAL_BUFFER));
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| from_reqwest(origin, url, &e))?
    {
        if bytes.len().saturating_add(chunk.len()) > limit {
            if purpose == Purpose::Robots {
                let room = limit - bytes.len();
                bytes.extend_from_slice(&chunk[..room]);
                break;
            }
            return Err(too_large());
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Answer::Body {
        bytes,
        status: code,
        content_type,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        for retry in 0..4 {
            let full = RETRY_BASE * (1 << retry);
            let wait = backoff(retry);
            assert!(wait >= full / 2 && wait <= full, "{retry}: {wait:?}");
        }
        assert!(backoff(40) <= MAX_BACKOFF);
    }

    #[test]
    fn retry_after_reads_seconds_and_dates_and_is_capped() {
        let cap = Duration::from_secs(60);
        let mut headers = HeaderMap::new();
        assert_eq!(retry_after(&headers, cap), None);
        headers.insert(RETRY_AFTER, HeaderValue::from_static("7"));
        assert_eq!(retry_after(&headers, cap), Some(Duration::from_secs(7)));
        headers.insert(RETRY_AFTER, HeaderValue::from_static("86400"));
        assert_eq!(retry_after(&headers, cap), Some(cap));
        let later = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(30));
        headers.insert(
            RETRY_AFTER,
            HeaderValue::from_str(&later).expect("a header value"),
        );
        let wait = retry_after(&headers, cap).expect("a wait");
        assert!(
            wait > Duration::from_secs(25) && wait <= Duration::from_secs(30),
            "{wait:?}"
        );
        headers.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(retry_after(&headers, cap), Some(Duration::ZERO));
    }

    #[test]
    fn media_types_drop_parameters() {
        assert_eq!(media_type("Text/HTML; charset=windows-1251"), "text/html");
        assert_eq!(media_type("application/pdf"), "application/pdf");
    }
}
