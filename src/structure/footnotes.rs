//! Footnotes for the output: the notes list's entries with the URLs they contain.

use std::sync::LazyLock;

use regex::Regex;

use crate::output::Footnote;
use crate::strip::NotesRegion;

static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?i)\bhttps?://[^\s<>"'()\[\]{}]+"#).expect("valid regex"));

/// The footnotes of a notes region.
pub fn from_region(region: Option<&NotesRegion>) -> Vec<Footnote> {
    let Some(region) = region else {
        return Vec::new();
    };
    region
        .notes
        .iter()
        .map(|note| Footnote {
            id: note.id.clone(),
            text: note.text.clone(),
            urls: urls(&note.text),
        })
        .collect()
}

/// The well-formed URLs in a text, trailing punctuation trimmed.
pub fn urls(text: &str) -> Vec<String> {
    URL.find_iter(text)
        .filter_map(|m| {
            let candidate = m.as_str().trim_end_matches(['.', ',', ';', ':', '!', '?']);
            url::Url::parse(candidate)
                .ok()
                .map(|_| candidate.to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_found_and_trimmed() {
        assert_eq!(
            urls("See (http://example.org/a_b.html), and https://x.example/p?q=1."),
            ["http://example.org/a_b.html", "https://x.example/p?q=1"]
        );
        assert!(urls("no links here, http:// alone").is_empty());
    }
}
