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
    /// Cleaning the input took longer than its time budget, or a request
    /// took longer than `--timeout` (fetch mode).
    Timeout,
    /// Cleaning the input hit a bug in unchrome (a panic); the run went on.
    Internal,
    /// Writing output failed.
    Write,
    /// The text given as a URL is not one (fetch mode).
    InvalidUrl,
    /// A URL, or a redirect, leads to a scheme other than `http` or `https`.
    UnsupportedScheme,
    /// The server answered with an error status (after any retries).
    HttpStatus,
    /// The connection failed (refused, reset, DNS, TLS…), after any retries.
    Network,
    /// The site's robots.txt disallows the URL (`--ignore-robots` overrides).
    Robots,
    /// The response is not a page (PDF, image, other binary content type).
    NotHtml,
    /// More redirects than `--max-redirects`, or a redirect loop.
    TooManyRedirects,
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
            ErrorKind::InvalidUrl => "invalid-url",
            ErrorKind::UnsupportedScheme => "unsupported-scheme",
            ErrorKind::HttpStatus => "http-status",
            ErrorKind::Network => "network",
            ErrorKind::Robots => "robots",
            ErrorKind::NotHtml => "not-html",
            ErrorKind::TooManyRedirects => "too-many-redirects",
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
