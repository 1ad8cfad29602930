//! The source stage: where page bytes come from (a file, a gzip-compressed
//! file, stdin, a directory walk, a URL via [`crate::fetch`]), read with a
//! size limit. Nothing below this
//! stage knows which.

pub mod walk;

use std::fmt;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind};
use crate::output::SourceInfo;

/// Where an input came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A file on disk.
    File(PathBuf),
    /// Standard input.
    Stdin,
    /// Bytes handed to the library directly.
    Bytes,
    /// A page fetched over HTTP(S) (see [`crate::fetch`]).
    Url(Box<Fetched>),
}

/// Where and how a page was fetched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetched {
    /// The URL asked for.
    pub url: String,
    /// The URL of the final response, after redirects.
    pub final_url: String,
    /// The HTTP status of the final response.
    pub status: u16,
    /// When the response arrived (RFC 3339, UTC, whole seconds).
    pub fetched_at: String,
    /// The response's `Content-Type` header, if it had one.
    pub content_type: Option<String>,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::File(path) => write!(f, "{}", path.display()),
            Origin::Stdin => f.write_str("-"),
            Origin::Bytes => f.write_str("<bytes>"),
            Origin::Url(fetched) => f.write_str(&fetched.url),
        }
    }
}

impl Origin {
    /// The URL the page was fetched from, if it was.
    pub fn url(&self) -> Option<&str> {
        match self {
            Origin::Url(fetched) => Some(&fetched.final_url),
            Origin::File(_) | Origin::Stdin | Origin::Bytes => None,
        }
    }

    /// The `source` object of the output.
    pub fn source_info(&self) -> SourceInfo {
        match self {
            Origin::File(path) => SourceInfo {
                kind: "file".into(),
                path: Some(path.display().to_string()),
                ..SourceInfo::default()
            },
            Origin::Stdin => SourceInfo {
                kind: "stdin".into(),
                ..SourceInfo::default()
            },
            Origin::Bytes => SourceInfo {
                kind: "bytes".into(),
                ..SourceInfo::default()
            },
            Origin::Url(fetched) => SourceInfo {
                kind: "url".into(),
                url: Some(fetched.url.clone()),
                final_url: Some(fetched.final_url.clone()),
                status: Some(fetched.status),
                fetched_at: Some(fetched.fetched_at.clone()),
                content_type: fetched.content_type.clone(),
                ..SourceInfo::default()
            },
        }
    }
}

/// One page's bytes and where they came from.
#[derive(Clone, Debug)]
pub struct Input {
    /// Where the bytes came from.
    pub origin: Origin,
    /// The raw bytes.
    pub bytes: Vec<u8>,
    /// A `Content-Type` hint (HTTP header), if any.
    pub content_type: Option<String>,
}

/// Reads a file, refusing it when it is larger than `max_bytes`.
///
/// A file named `*.gz` is decompressed; the limit then applies to the
/// compressed and the decompressed size alike, so a gzip bomb is a
/// `too-large` error, and corrupt compressed data is `undecodable`.
pub fn read_file(path: &Path, max_bytes: u64) -> Result<Input, Error> {
    read_file_into(path, max_bytes, Vec::new())
}

/// [`read_file`] into `buffer`, whose allocation is reused (its contents are
/// dropped): a caller reading many files can hand back the bytes of the last
/// [`Input`] and spare the allocator a page-sized allocation per file.
pub fn read_file_into(path: &Path, max_bytes: u64, buffer: Vec<u8>) -> Result<Input, Error> {
    let origin = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| io_error(&origin, &e))?;
    if meta.is_dir() {
        return Err(Error::new(origin, ErrorKind::Unreadable, "is a directory"));
    }
    let file = std::fs::File::open(path).map_err(|e| io_error(&origin, &e))?;
    let bytes = if walk::is_gzip(path) {
        if meta.len() > max_bytes {
            return Err(too_large(&origin, max_bytes));
        }
        let decoder = flate2::read::MultiGzDecoder::new(BufReader::new(file));
        read_bounded(decoder, max_bytes, &origin, gzip_error, 0, buffer)?
    } else {
        // The file's size sizes the buffer at once (`take` hides it from `read_to_end`).
        let size_hint = usize::try_from(meta.len().min(max_bytes)).unwrap_or(0);
        read_bounded(file, max_bytes, &origin, io_error, size_hint, buffer)?
    };
    Ok(Input {
        origin: Origin::File(path.to_path_buf()),
        bytes,
        content_type: None,
    })
}

/// Reads standard input, refusing more than `max_bytes`.
pub fn read_stdin(max_bytes: u64) -> Result<Input, Error> {
    let bytes = read_limited(std::io::stdin().lock(), max_bytes, "-")?;
    Ok(Input {
        origin: Origin::Stdin,
        bytes,
        content_type: None,
    })
}

/// Reads at most `max_bytes` from `reader`; one byte more is a `too-large` error.
pub fn read_limited(reader: impl Read, max_bytes: u64, origin: &str) -> Result<Vec<u8>, Error> {
    read_bounded(reader, max_bytes, origin, io_error, 0, Vec::new())
}

/// Reads at most `max_bytes` into `bytes` (emptied first), turning read
/// errors into [`Error`]s with `on_error`; `size_hint` is the expected size
/// (0 when unknown).
fn read_bounded(
    reader: impl Read,
    max_bytes: u64,
    origin: &str,
    on_error: fn(&str, &std::io::Error) -> Error,
    size_hint: usize,
    mut bytes: Vec<u8>,
) -> Result<Vec<u8>, Error> {
    bytes.clear();
    // One byte more than the hint lets `read_to_end` see the end without growing.
    bytes.reserve(size_hint.saturating_add(1));
    reader
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| on_error(origin, &e))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(origin, max_bytes));
    }
    Ok(bytes)
}

fn too_large(origin: &str, max_bytes: u64) -> Error {
    Error::new(
        origin,
        ErrorKind::TooLarge,
        format!("larger than the limit of {max_bytes} bytes (--max-bytes)"),
    )
}

/// A read error inside gzip data: corrupt or truncated data is `undecodable`.
fn gzip_error(origin: &str, e: &std::io::Error) -> Error {
    match e.kind() {
        std::io::ErrorKind::InvalidInput
        | std::io::ErrorKind::InvalidData
        | std::io::ErrorKind::UnexpectedEof => Error::new(
            origin,
            ErrorKind::Undecodable,
            format!("corrupt gzip data: {e}"),
        ),
        _ => io_error(origin, e),
    }
}

fn io_error(origin: &str, e: &std::io::Error) -> Error {
    let kind = match e.kind() {
        std::io::ErrorKind::NotFound => ErrorKind::NotFound,
        _ => ErrorKind::Unreadable,
    };
    let message = match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    };
    Error::new(origin, kind, message)
}
