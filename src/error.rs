//! Typed errors: each names the input it concerns and a stable kind.

use std::fmt;

/// What went wrong, as a stable machine-readable kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input does not exist.
    NotFound,
    /// The input exists but could not be read.
    Unreadable,
    /// The input is larger than the configured limit.
    TooLarge,
    /// The input is not a web page (binary data).
    NotAPage,
    /// The input's bytes could not be decoded (corrupt compressed data).
    Undecodable,
    /// Cleaning the input took longer than the time budget.
    Timeout,
    /// Cleaning the input hit a bug in unchrome (a panic); the run went on.
    Internal,
    /// Writing output failed.
    Write,
}

impl ErrorKind {
    /// The kebab-case name used in error records.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::NotFound => "not-found",
            ErrorKind::Unreadable => "unreadable",
            ErrorKind::TooLarge => "too-large",
            ErrorKind::NotAPage => "not-a-page",
            ErrorKind::Undecodable => "undecodable",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Internal => "internal",
            ErrorKind::Write => "write",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error about one input.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct Error {
    /// The input concerned (a path, `-` for stdin, a URL).
    pub origin: String,
    /// The kind of failure.
    pub kind: ErrorKind,
    /// A human-readable reason.
    pub message: String,
}

impl Error {
    /// Builds an error about `origin`.
    pub fn new(origin: impl Into<String>, kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            origin: origin.into(),
            kind,
            message: message.into(),
        }
    }
}
