//! The source stage: where page bytes come from (a file, stdin), read with a
//! size limit. Nothing below this stage knows which.

use std::fmt;
use std::io::Read;
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
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::File(path) => write!(f, "{}", path.display()),
            Origin::Stdin => f.write_str("-"),
            Origin::Bytes => f.write_str("<bytes>"),
        }
    }
}

impl Origin {
    /// The URL the page was fetched from, if it was.
    pub fn url(&self) -> Option<&str> {
        None
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
pub fn read_file(path: &Path, max_bytes: u64) -> Result<Input, Error> {
    let origin = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| io_error(&origin, &e))?;
    if meta.is_dir() {
        return Err(Error::new(origin, ErrorKind::Unreadable, "is a directory"));
    }
    let file = std::fs::File::open(path).map_err(|e| io_error(&origin, &e))?;
    let bytes = read_limited(file, max_bytes, &origin)?;
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
    let mut bytes = Vec::new();
    reader
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(origin, &e))?;
    if bytes.len() as u64 > max_bytes {
        return Err(Error::new(
            origin,
            ErrorKind::TooLarge,
            format!("larger than the limit of {max_bytes} bytes (--max-bytes)"),
        ));
    }
    Ok(bytes)
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
