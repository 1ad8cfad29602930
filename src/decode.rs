//! The decode stage: bytes to UTF-8 text, and HTML or plain text.
//!
//! The encoding is taken, in order of trust, from a byte-order mark, the
//! HTTP `Content-Type` charset, the bytes being valid UTF-8, a `<meta
//! charset>` declaration, and finally detection with `chardetng`. Invalid
//! bytes become U+FFFD; nothing here panics on any input.

use std::borrow::Cow;
use std::sync::LazyLock;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use regex::bytes::Regex;

use crate::config::InputFormat;
use crate::document::Format;

/// How many leading bytes the `<meta charset>` pre-scan looks at (the HTML spec's 1024, with room).
const META_PRESCAN_BYTES: usize = 4096;
/// How many leading bytes are sampled to tell text from binary data.
const BINARY_SAMPLE_BYTES: usize = 8192;
/// Share of control characters above which a sample is binary, not text.
const BINARY_CONTROL_SHARE: f64 = 0.10;
/// Share of NUL bytes at even (or odd) offsets that marks BOM-less UTF-16.
const UTF16_NUL_SHARE: f64 = 0.40;
/// How many leading characters are looked at to tell HTML from text.
const FORMAT_SNIFF_CHARS: usize = 2048;

/// Decoded page text.
#[derive(Clone, Debug)]
pub struct Decoded<'a> {
    /// The text, as UTF-8: the input bytes themselves when they are UTF-8
    /// already (no byte-order mark, no invalid bytes), else a decoded copy.
    pub text: Cow<'a, str>,
    /// HTML or plain text.
    pub format: Format,
    /// Name of the encoding the bytes were read in.
    pub encoding: &'static str,
}

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i-u)<meta[^>]{0,512}?charset\s*=\s*["']?\s*([a-z0-9_:.+-]{1,40})"#)
        .expect("valid regex")
});

/// Decodes `bytes`, using `content_type` (an HTTP header value) as a hint.
///
/// Returns an error message when the bytes are binary data, not a page.
pub fn decode<'a>(
    bytes: &'a [u8],
    content_type: Option<&str>,
    input_format: InputFormat,
) -> Result<Decoded<'a>, String> {
    let (encoding, body, valid) = pick_encoding(bytes, content_type);
    let text = match valid {
        // Already checked to be UTF-8: read in place, not checked again.
        Some(text) => Cow::Borrowed(text),
        None => encoding.decode_without_bom_handling(body).0,
    };
    if looks_binary(&text) {
        return Err("binary data, not a web page or text".to_string());
    }
    let format = match input_format {
        InputFormat::Html => Format::Html,
        InputFormat::Text => Format::Text,
        InputFormat::Auto => sniff_format(&text, content_type),
    };
    Ok(Decoded {
        text,
        format,
        encoding: encoding.name(),
    })
}

/// Chooses the encoding and returns the bytes after any byte-order mark,
/// and those bytes as text when they were found to be UTF-8 and are read
/// as UTF-8.
fn pick_encoding<'a>(
    bytes: &'a [u8],
    content_type: Option<&str>,
) -> (&'static Encoding, &'a [u8], Option<&'a str>) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return (encoding, &bytes[bom_len..], None);
    }
    if let Some(encoding) = content_type.and_then(charset_of_content_type) {
        return (encoding, bytes, None);
    }
    if let Some(encoding) = bomless_utf16(bytes) {
        return (encoding, bytes, None);
    }
    let utf8 = std::str::from_utf8(bytes).ok();
    if utf8.is_some() && !bytes.is_ascii() {
        // Valid multi-byte UTF-8 is almost never an accident, and saved pages
        // often keep a stale <meta charset> from before they were re-encoded.
        return (UTF_8, bytes, utf8);
    }
    if let Some(encoding) = meta_charset(bytes) {
        // A document cannot declare itself UTF-16 in ASCII-compatible bytes.
        if encoding == UTF_16LE || encoding == UTF_16BE {
            return (UTF_8, bytes, utf8);
        }
        return (encoding, bytes, utf8.filter(|_| encoding == UTF_8));
    }
    if utf8.is_some() {
        return (UTF_8, bytes, utf8);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    (
        detector.guess(None, chardetng::Utf8Detection::Allow),
        bytes,
        None,
    )
}

fn charset_of_content_type(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        if key.trim().eq_ignore_ascii_case("charset") {
            Encoding::for_label(value.trim().trim_matches(['"', '\'']).as_bytes())
        } else {
            None
        }
    })
}

fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_PRESCAN_BYTES)];
    let caps = META_CHARSET.captures(head)?;
    Encoding::for_label(caps.get(1)?.as_bytes())
}

/// UTF-16 without a byte-order mark: NUL bytes at every other offset.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(BINARY_SAMPLE_BYTES)];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nuls = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nuls = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    let share = |n: usize| n as f64 / pairs as f64;
    if share(odd_nuls) >= UTF16_NUL_SHARE && share(even_nuls) < UTF16_NUL_SHARE / 4.0 {
        Some(UTF_16LE)
    } else if share(even_nuls) >= UTF16_NUL_SHARE && share(odd_nuls) < UTF16_NUL_SHARE / 4.0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Whether decoded text is really binary data (many control characters).
fn looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(BINARY_SAMPLE_BYTES) {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c') {
            control += 1;
        }
    }
    total > 0 && control as f64 / total as f64 > BINARY_CONTROL_SHARE
}

/// HTML when the text starts with markup or declares itself HTML early on.
fn sniff_format(text: &str, content_type: Option<&str>) -> Format {
    if let Some(ct) = content_type {
        let mime = ct
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if mime == "text/html" || mime == "application/xhtml+xml" {
            return Format::Html;
        }
        if mime == "text/plain" || mime == "text/markdown" {
            return Format::Text;
        }
    }
    let head: String = text
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .chars()
        .take(FORMAT_SNIFF_CHARS)
        .collect::<String>()
        .to_ascii_lowercase();
    const OPENERS: &[&str] = &[
        "<!doctype",
        "<html",
        "<head",
        "<body",
        "<!--",
        "<?xml",
        "<meta",
        "<title",
        "<div",
        "<p>",
        "<p ",
        "<article",
        "<main",
        "<section",
        "<link",
        "<script",
        "<style",
        "<h1",
        "<h2",
        "<table",
        "<ul",
        "<span",
        "<a ",
        "<header",
        "<nav",
        "<base",
    ];
    if OPENERS.iter().any(|o| head.starts_with(o)) {
        return Format::Html;
    }
    const DECLARATIONS: &[&str] = &["<!doctype html", "<html", "<body", "<head>"];
    if DECLARATIONS.iter().any(|d| head.contains(d)) {
        return Format::Html;
    }
    Format::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8]) -> Decoded<'_> {
        decode(bytes, None, InputFormat::Auto).expect("decodes")
    }

    #[test]
    fn utf8_text_is_text() {
        let d = dec("Hello — world\n\nA line.".as_bytes());
        assert_eq!(d.format, Format::Text);
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn markup_is_html() {
        assert_eq!(dec(b"  <!DOCTYPE html><p>x</p>").format, Format::Html);
        assert_eq!(dec(b"<div>x</div>").format, Format::Html);
        // A text page that quotes a tag mid-way stays text.
        assert_eq!(
            dec(b"Add this line:\n\n<script src=x.js></script>\n").format,
            Format::Text
        );
    }

    #[test]
    fn meta_charset_is_used_for_non_utf8_bytes() {
        let d = dec(b"<html><head><meta charset=\"windows-1251\"></head><body>\xcf\xf0\xe8\xe2\xe5\xf2</body></html>");
        assert_eq!(d.encoding, "windows-1251");
        assert!(d.text.contains("Привет"));
    }

    #[test]
    fn http_charset_beats_meta() {
        let d = decode(
            b"<meta charset=utf-8><p>\xcf\xf0\xe8\xe2\xe5\xf2</p>",
            Some("text/html; charset=windows-1251"),
            InputFormat::Auto,
        )
        .expect("decodes");
        assert!(d.text.contains("Привет"));
    }

    #[test]
    fn invalid_utf8_is_replaced_not_fatal() {
        let d = dec(b"Caf\xc3 au lait and a long line of ordinary words follows here.");
        assert!(d.text.starts_with("Caf"));
    }

    #[test]
    fn boms_are_honoured() {
        let mut bytes = vec![0xff, 0xfe];
        for u in "Hi there".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(dec(&bytes).text, "Hi there");
    }

    #[test]
    fn bomless_utf16_is_detected() {
        let mut bytes = Vec::new();
        for u in "<p>Hello, world of UTF-16 pages</p>".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(dec(&bytes).text, "<p>Hello, world of UTF-16 pages</p>");
    }

    #[test]
    fn binary_is_refused() {
        let png = [
            0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, b'I', b'H', b'D', b'R',
            0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4,
        ];
        assert!(decode(&png, None, InputFormat::Auto).is_err());
    }
}
