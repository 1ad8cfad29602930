//! The URLs of a fetch run: the command line's, then those of a `--urls-from`
//! list (one per line; blank lines and `#` comments ignored), read lazily; and
//! the check that a text is an `http` or `https` URL.

use std::io::BufRead;

use url::Url;

use crate::error::{Error, ErrorKind};

/// Starts a comment line in a URL list.
const COMMENT: char = '#';

/// The schemes fetch mode accepts.
pub const SCHEMES: [&str; 2] = ["http", "https"];

/// Whether `text` is written as an absolute URL (`scheme://…`), whatever the
/// scheme: such an argument is meant for fetch mode, not a file name.
pub fn looks_like_url(text: &str) -> bool {
    let Some((scheme, _)) = text.split_once("://") else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Parses `text` as a URL fetch mode may fetch: `invalid-url` when it is
/// none, `unsupported-scheme` when its scheme is not `http` or `https`.
/// The fragment is dropped (it never reaches the server).
pub fn parse(text: &str) -> Result<Url, Error> {
    let mut url = Url::parse(text)
        .map_err(|e| Error::new(text, ErrorKind::InvalidUrl, format!("not a URL: {e}")))?;
    check_scheme(&url)
        .map_err(|message| Error::new(text, ErrorKind::UnsupportedScheme, message))?;
    if url.host_str().is_none_or(str::is_empty) {
        return Err(Error::new(
            text,
            ErrorKind::InvalidUrl,
            "the URL has no host",
        ));
    }
    url.set_fragment(None);
    Ok(url)
}

/// `Err(message)` unless `url` is `http` or `https`.
pub fn check_scheme(url: &Url) -> Result<(), String> {
    if SCHEMES.contains(&url.scheme()) {
        Ok(())
    } else {
        Err(format!(
            "scheme {:?} is not fetched (only http and https)",
            url.scheme()
        ))
    }
}

/// The URLs in one line of a list, if it holds one: trimmed, comments and
/// blank lines skipped.
pub fn list_entry(line: &str) -> Option<&str> {
    let line = line.trim();
    (!line.is_empty() && !line.starts_with(COMMENT)).then_some(line)
}

/// Reads a URL list lazily, one entry per line; a read error ends the list
/// with an error.
pub fn read_list(reader: impl BufRead) -> impl Iterator<Item = std::io::Result<String>> {
    reader.lines().filter_map(|line| match line {
        Ok(line) => list_entry(&line).map(|entry| Ok(entry.to_string())),
        Err(e) => Some(Err(e)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_file_names() {
        assert!(looks_like_url("https://example.org/a"));
        assert!(looks_like_url("ftp://example.org/a"));
        assert!(!looks_like_url("saved/page.html"));
        assert!(!looks_like_url("a b://c"));
        assert!(!looks_like_url("://x"));
    }

    #[test]
    fn only_http_and_https_pass() {
        assert!(parse("http://example.org/a#frag").is_ok_and(|u| u.fragment().is_none()));
        assert_eq!(
            parse("ftp://example.org/a").map_err(|e| e.kind),
            Err(ErrorKind::UnsupportedScheme)
        );
        assert_eq!(
            parse("http://").map_err(|e| e.kind),
            Err(ErrorKind::InvalidUrl)
        );
        assert_eq!(
            parse("not a url").map_err(|e| e.kind),
            Err(ErrorKind::InvalidUrl)
        );
    }

    #[test]
    fn lists_skip_comments_and_blank_lines() {
        let text =
            "# pages\nhttp://a.example/1\n\n   \n  http://b.example/2  \n#http://c.example/\n";
        let urls: Vec<String> = read_list(text.as_bytes())
            .collect::<Result<_, _>>()
            .expect("read");
        assert_eq!(urls, ["http://a.example/1", "http://b.example/2"]);
    }
}
