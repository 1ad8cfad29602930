//! File names for fetched pages below an output folder:
//! `<host>/<sanitised path>` (the caller adds `.json`, `.html`, …).
//!
//! A name can never leave its folder: every path segment keeps only
//! `A-Z a-z 0-9 - _ . ~ % + = , @` (anything else becomes `_`), a segment
//! starting with `.` (hence `.` and `..`) gets a leading `_`, an empty last
//! segment (`/`, `/dir/`) is `index`, a query adds `_q` and a short hash of
//! it, a segment longer than [`MAX_SEGMENT_BYTES`] is cut and given a short
//! hash of the whole, and paths deeper than [`MAX_DEPTH`] fold their tail
//! into one hashed name. Two URLs that would share a name (`/a/` and `/a/index`,
//! or the same URL twice) — the later one gets a short hash of its URL.

use std::collections::HashSet;
use std::path::PathBuf;

use url::Url;

/// Longest path segment kept whole, in bytes (file systems allow 255).
pub const MAX_SEGMENT_BYTES: usize = 100;

/// Deepest folder nesting kept; deeper paths fold into a hashed last name.
pub const MAX_DEPTH: usize = 24;

/// Name of a path that ends in `/`.
const INDEX_NAME: &str = "index";

/// Hex digits of the short hashes added to names.
const SHORT_HASH_DIGITS: usize = 10;

/// FNV-1a 64-bit offset basis and prime: a stable hash (the same name in
/// every run and every Rust version).
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// See [`FNV_OFFSET`].
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// A short stable hash of `text`, as hex.
pub fn short_hash(text: &str) -> String {
    let hash = text.bytes().fold(FNV_OFFSET, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
    });
    let hex = format!("{hash:016x}");
    hex[..SHORT_HASH_DIGITS].to_string()
}

/// Keeps the safe characters of one segment; the rest become `_`.
fn safe_chars(raw: &str) -> String {
    raw.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric()
                || matches!(c, '-' | '_' | '.' | '~' | '%' | '+' | '=' | ',' | '@')
            {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// One sanitised segment: safe characters, never hidden, never `.`/`..`, never too long.
fn segment(raw: &str) -> String {
    let mut name = safe_chars(raw);
    if name.starts_with('.') {
        name.insert(0, '_');
    }
    if name.len() > MAX_SEGMENT_BYTES {
        // Only ASCII is left, so any byte index is a character boundary.
        name.truncate(MAX_SEGMENT_BYTES - SHORT_HASH_DIGITS - 1);
        name.push('-');
        name.push_str(&short_hash(raw));
    }
    name
}

/// The folder of a host: its name, and its port when not the scheme's default.
fn host_folder(url: &Url) -> String {
    let host = url.host_str().unwrap_or("no-host");
    let host = match url.port() {
        Some(port) => format!("{host}_{port}"),
        None => host.to_string(),
    };
    segment(&host)
}

/// The relative name of `url`'s output, before any collision handling.
pub fn relative_name(url: &Url) -> PathBuf {
    let mut parts: Vec<String> = url
        .path_segments()
        .map(|segments| segments.map(str::to_string).collect())
        .unwrap_or_default();
    // Empty segments in the middle (`a//b`) are dropped; an empty last one is the index.
    let last = match parts.pop() {
        Some(last) if !last.is_empty() => last,
        _ => INDEX_NAME.to_string(),
    };
    parts.retain(|p| !p.is_empty());
    let mut names: Vec<String> = parts.iter().map(|p| segment(p)).collect();
    let mut last = segment(&last);
    if names.len() >= MAX_DEPTH {
        let tail = parts[MAX_DEPTH - 1..].join("/");
        names.truncate(MAX_DEPTH - 1);
        last = format!("{}-{}", segment(&last), short_hash(&tail));
        last = segment(&last);
    }
    if let Some(query) = url.query() {
        last = format!("{last}_q{}", short_hash(query));
    }
    let mut path = PathBuf::from(host_folder(url));
    path.extend(names);
    path.push(last);
    path
}

/// Hands out names in input order, each once.
#[derive(Debug, Default)]
pub struct Namer {
    claimed: HashSet<PathBuf>,
}

impl Namer {
    /// The relative name for `url`: [`relative_name`], or — when an earlier
    /// URL of the run has it — that name with a short hash of the URL (and,
    /// for the same URL again, of its repeat count).
    pub fn claim(&mut self, url: &Url) -> PathBuf {
        let base = relative_name(url);
        if self.claimed.insert(base.clone()) {
            return base;
        }
        let text = url.as_str();
        let mut repeat = 0usize;
        loop {
            let key = if repeat == 0 {
                text.to_string()
            } else {
                format!("{text}#{repeat}")
            };
            let mut candidate = base.clone().into_os_string();
            candidate.push(format!("-{}", short_hash(&key)));
            let candidate = PathBuf::from(candidate);
            if self.claimed.insert(candidate.clone()) {
                return candidate;
            }
            repeat += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Component, Path};

    fn name(url: &str) -> PathBuf {
        relative_name(&Url::parse(url).expect("a URL"))
    }

    fn stays_inside(path: &Path) -> bool {
        path.components().all(|c| match c {
            Component::Normal(part) => {
                let part = part.to_string_lossy();
                !part.starts_with('.')
                    && part.len() <= MAX_SEGMENT_BYTES + 20
                    && !part.contains('\0')
            }
            _ => false,
        })
    }

    #[test]
    fn host_and_path_make_the_name() {
        assert_eq!(
            name("https://example.org/a/b.html"),
            Path::new("example.org/a/b.html")
        );
        assert_eq!(name("http://example.org/"), Path::new("example.org/index"));
        assert_eq!(
            name("http://example.org/dir/"),
            Path::new("example.org/dir/index")
        );
        assert_eq!(
            name("http://127.0.0.1:8080/x"),
            Path::new("127.0.0.1_8080/x")
        );
    }

    #[test]
    fn names_never_leave_the_folder() {
        for url in [
            "http://example.org/../../etc/passwd",
            "http://example.org/%2e%2e/%2E%2E/etc",
            "http://example.org/.hidden/..%2f..%2fx",
            "http://example.org/a%00b/c\\..\\d",
            "http://example.org//abs//path",
            "http://example.org/a?x=../../y",
        ] {
            let path = name(url);
            assert!(stays_inside(&path), "{url} -> {}", path.display());
            assert!(
                path.starts_with("example.org"),
                "{url} -> {}",
                path.display()
            );
        }
    }

    #[test]
    fn long_and_deep_paths_are_cut_with_a_hash() {
        let long = "x".repeat(400);
        let a = name(&format!("http://h.example/{long}"));
        let b = name(&format!("http://h.example/{long}y"));
        assert!(stays_inside(&a));
        assert_ne!(a, b);
        let deep = (0..100)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join("/");
        let d = name(&format!("http://h.example/{deep}"));
        assert!(d.components().count() <= MAX_DEPTH + 1);
        assert!(stays_inside(&d));
    }

    #[test]
    fn queries_and_collisions_get_hashes() {
        let mut namer = Namer::default();
        let u = |s: &str| Url::parse(s).expect("a URL");
        let first = namer.claim(&u("http://h.example/a/"));
        let second = namer.claim(&u("http://h.example/a/index"));
        let again = namer.claim(&u("http://h.example/a/index"));
        assert_eq!(first, Path::new("h.example/a/index"));
        assert!(second.starts_with("h.example/a"));
        assert_ne!(first, second);
        assert_ne!(second, again);
        assert_ne!(
            namer.claim(&u("http://h.example/p?x=1")),
            namer.claim(&u("http://h.example/p?x=2"))
        );
    }
}
