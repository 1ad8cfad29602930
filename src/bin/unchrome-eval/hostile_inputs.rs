//! The hostile inputs of issue 8 ("never crash, never lose, never escape"),
//! generated on the spot (none is committed), each with the exit status and
//! outcome `unchrome` must give. Shared by `unchrome-eval hostile` (which
//! times them) and `tests/hostile.rs` (which checks them).

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Nesting depth of the deep-nesting inputs.
pub const DEEP: usize = 100_000;
/// Bytes of the single-line text input.
pub const LONG_LINE_BYTES: usize = 50_000_000;
/// `--max-bytes` that lets the single-line text in (it is over the default).
pub const LONG_LINE_MAX_BYTES: &str = "64000000";
/// Empty paragraphs of the many-paragraphs input.
pub const EMPTY_PARAGRAPHS: usize = 1_000_000;
/// Rows and cells per row of the huge table (200,000 cells).
pub const TABLE_ROWS: usize = 2_000;
/// Cells per row of the huge table.
pub const TABLE_COLUMNS: usize = 100;
/// Unclosed formatting elements with distinct attributes, one per paragraph.
pub const FORMATTING_BOMB: usize = 20_000;
/// Nested byline elements around one long text, and that text's words.
pub const NESTED_BYLINES: usize = 250;
/// Words of the long text inside the nested bylines.
pub const BYLINE_BOMB_WORDS: usize = 2_000_000;
/// Attributes on one tag of the attribute bomb.
pub const ATTRIBUTES: usize = 200_000;
/// Bytes of the gzip bomb on disk.
pub const GZIP_BOMB_BYTES: usize = 10 * 1024 * 1024;
/// Bytes each member of the gzip bomb inflates to.
const GZIP_MEMBER_INFLATED: usize = 1024 * 1024;

/// What `unchrome` must make of an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// A page on stdout, listing this limit in `limits`.
    Limit(&'static str),
    /// A page on stdout, no limit reached.
    Page,
    /// An error of this kind on stderr, stdout empty.
    Error(&'static str),
    /// A batch run: its summary line on stderr.
    Batch,
}

/// What is written to disk.
pub enum Content {
    /// One file with these bytes.
    File(Vec<u8>),
    /// A folder with this name holding one small page (`in.html`).
    Folder,
}

/// One hostile input.
pub struct Hostile {
    /// Short name for tables and test messages.
    pub name: &'static str,
    /// The file (or folder) name it is written under.
    pub file: &'static str,
    /// Extra command-line arguments (before the input).
    pub args: &'static [&'static str],
    /// The exit status `unchrome` must give.
    pub exit: i32,
    /// The outcome.
    pub expect: Expect,
    /// Makes the content.
    pub make: fn() -> Content,
}

impl Hostile {
    /// Writes the input into `dir`; returns its path.
    pub fn write(&self, dir: &Path) -> std::io::Result<PathBuf> {
        let path = dir.join(self.file);
        match (self.make)() {
            Content::File(bytes) => std::fs::write(&path, bytes)?,
            Content::Folder => {
                std::fs::create_dir_all(&path)?;
                std::fs::write(
                    path.join("in.html"),
                    "<p>A small page inside a folder that is named like a page.</p>",
                )?;
            }
        }
        Ok(path)
    }
}

/// Every hostile input, in the order they are reported.
pub fn all() -> Vec<Hostile> {
    vec![
        Hostile {
            name: "100k nested div",
            file: "deep-div.html",
            args: &[],
            exit: 0,
            expect: Expect::Limit("max-depth"),
            make: || Content::File(nested("div", "<p>The deepest paragraph.</p>")),
        },
        Hostile {
            name: "100k nested span",
            file: "deep-span.html",
            args: &[],
            exit: 0,
            expect: Expect::Limit("max-depth"),
            make: || Content::File(nested("span", "The deepest words.")),
        },
        Hostile {
            name: "100k div, text each",
            file: "deep-div-text.html",
            args: &[],
            exit: 0,
            expect: Expect::Limit("max-depth"),
            make: || Content::File("<div>level ".repeat(DEEP).into_bytes()),
        },
        Hostile {
            name: "20k unclosed <b id>",
            file: "formatting-bomb.html",
            args: &[],
            exit: 0,
            expect: Expect::Limit("max-open-formatting"),
            make: || {
                let mut html = String::new();
                for i in 0..FORMATTING_BOMB {
                    html.push_str(&format!("<p><b id=b{i}>x</p>"));
                }
                Content::File(html.into_bytes())
            },
        },
        Hostile {
            name: "250 nested bylines",
            file: "byline-bomb.html",
            args: &[],
            exit: 0,
            expect: Expect::Page,
            make: || {
                let mut html = "<div class=\"byline\">".repeat(NESTED_BYLINES);
                html.push_str(&"word ".repeat(BYLINE_BOMB_WORDS));
                html.push_str(&"</div>".repeat(NESTED_BYLINES));
                Content::File(html.into_bytes())
            },
        },
        Hostile {
            name: "200k attributes",
            file: "attribute-bomb.html",
            args: &[],
            exit: 0,
            expect: Expect::Page,
            make: || {
                let mut html = String::from("<p>Before the tag.</p><b");
                for i in 0..ATTRIBUTES {
                    html.push_str(&format!(" a{i}=v"));
                }
                html.push_str(">bold</b><meta");
                for i in 0..ATTRIBUTES {
                    html.push_str(&format!(" m{i}"));
                }
                html.push_str("><p>After the tags.</p>");
                Content::File(html.into_bytes())
            },
        },
        Hostile {
            name: "200k attrs, in <svg>",
            file: "attribute-bomb-svg.html",
            args: &[],
            exit: 0,
            expect: Expect::Page,
            make: || {
                // A stray end tag in SVG stops the prefilter's scan; the cap still holds.
                let mut html = String::from("<html><body><p>Before the drawing.</p><svg></p><b");
                for i in 0..ATTRIBUTES {
                    html.push_str(&format!(" a{i}=v"));
                }
                html.push_str(">bold</b><p>After the tags.</p></svg></body></html>");
                Content::File(html.into_bytes())
            },
        },
        Hostile {
            name: "50 MB single line",
            file: "long-line.txt",
            args: &["--max-bytes", LONG_LINE_MAX_BYTES],
            exit: 0,
            expect: Expect::Limit("max-line-bytes"),
            make: || Content::File(long_line()),
        },
        Hostile {
            name: "1M empty <p>",
            file: "empty-paragraphs.html",
            args: &[],
            exit: 0,
            expect: Expect::Limit("max-elements"),
            make: || Content::File("<p></p>".repeat(EMPTY_PARAGRAPHS).into_bytes()),
        },
        Hostile {
            name: "200k-cell table",
            file: "huge-table.html",
            args: &[],
            exit: 0,
            expect: Expect::Limit("max-blocks"),
            make: || {
                let row = format!("<tr>{}</tr>", "<td>cell</td>".repeat(TABLE_COLUMNS));
                Content::File(format!("<table>{}</table>", row.repeat(TABLE_ROWS)).into_bytes())
            },
        },
        Hostile {
            name: "NUL, surrogate refs",
            file: "nul-surrogates.html",
            args: &[],
            exit: 0,
            expect: Expect::Page,
            make: || {
                Content::File(
                    b"<p>Zero&#0;here, high&#xD800;there, low&#xDFFF;and raw\0byte, past&#x110000;end.</p>"
                        .to_vec(),
                )
            },
        },
        Hostile {
            name: "UTF-16LE with BOM",
            file: "utf16le-bom.html",
            args: &[],
            exit: 0,
            expect: Expect::Page,
            make: || Content::File(utf16(true, true)),
        },
        Hostile {
            name: "UTF-16BE with BOM",
            file: "utf16be-bom.html",
            args: &[],
            exit: 0,
            expect: Expect::Page,
            make: || Content::File(utf16(false, true)),
        },
        Hostile {
            name: "UTF-16LE, no BOM",
            file: "utf16le.html",
            args: &[],
            exit: 0,
            expect: Expect::Page,
            make: || Content::File(utf16(true, false)),
        },
        Hostile {
            name: "UTF-16BE, no BOM",
            file: "utf16be.html",
            args: &[],
            exit: 0,
            expect: Expect::Page,
            make: || Content::File(utf16(false, false)),
        },
        Hostile {
            name: "lying <meta charset>",
            file: "lying-charset.html",
            args: &[],
            exit: 0,
            expect: Expect::Page,
            make: || {
                Content::File(
                    "<meta charset=\"windows-1252\"><p>Crème brûlée in Zürich — naïve café.</p>"
                        .as_bytes()
                        .to_vec(),
                )
            },
        },
        Hostile {
            name: "10 MB gzip → 10 GB",
            file: "bomb.html.gz",
            args: &[],
            exit: 1,
            expect: Expect::Error("too-large"),
            make: || Content::File(gzip_bomb()),
        },
        Hostile {
            name: "PNG named .html",
            file: "image.html",
            args: &[],
            exit: 1,
            expect: Expect::Error("not-a-page"),
            make: || Content::File(png()),
        },
        Hostile {
            name: "empty file",
            file: "empty.html",
            args: &[],
            exit: 0,
            expect: Expect::Page,
            make: || Content::File(Vec::new()),
        },
        Hostile {
            name: "folder named x.html",
            file: "x.html",
            args: &[],
            exit: 0,
            expect: Expect::Batch,
            make: || Content::Folder,
        },
    ]
}

/// `DEEP` nested `tag` elements around `inner`, closed again.
fn nested(tag: &str, inner: &str) -> Vec<u8> {
    let mut html = String::with_capacity(DEEP * (2 * tag.len() + 5) + inner.len());
    html.push_str(&format!("<{tag}>").repeat(DEEP));
    html.push_str(inner);
    html.push_str(&format!("</{tag}>").repeat(DEEP));
    html.into_bytes()
}

/// One line of prose words, `LONG_LINE_BYTES` long, without a line break.
fn long_line() -> Vec<u8> {
    const SENTENCE: &str = "The quick brown fox jumps over the lazy dog again. ";
    let mut text = SENTENCE.repeat(LONG_LINE_BYTES / SENTENCE.len() + 1);
    text.truncate(LONG_LINE_BYTES);
    text.into_bytes()
}

/// A small page in UTF-16, little- or big-endian, with or without a BOM.
fn utf16(little: bool, bom: bool) -> Vec<u8> {
    let page = "<html><head><title>Sixteen bits</title></head><body>\
                <p>This page is written in UTF-16, as some old Windows tools save pages.</p>\
                </body></html>";
    let mut bytes = Vec::new();
    let units = bom
        .then_some(0xFEFF_u16)
        .into_iter()
        .chain(page.encode_utf16());
    for unit in units {
        bytes.extend_from_slice(&if little {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    bytes
}

/// One gzip member of zeros, inflating to `GZIP_MEMBER_INFLATED` bytes (about 1 KB).
pub fn gzip_member() -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(&vec![0u8; GZIP_MEMBER_INFLATED])
        .and_then(|()| encoder.finish())
        .unwrap_or_default()
}

/// [`gzip_member`] repeated to `GZIP_BOMB_BYTES`: about a thousand times
/// larger inflated (see [`gzip_bomb_inflated`]).
fn gzip_bomb() -> Vec<u8> {
    let member = gzip_member();
    let mut bomb = Vec::with_capacity(GZIP_BOMB_BYTES + member.len());
    while !member.is_empty() && bomb.len() + member.len() <= GZIP_BOMB_BYTES {
        bomb.extend_from_slice(&member);
    }
    bomb
}

/// How many bytes a bomb of `bomb_len` bytes, made of [`gzip_member`]s, inflates to.
pub fn gzip_bomb_inflated(bomb_len: usize, member_len: usize) -> u64 {
    (bomb_len / member_len.max(1)) as u64 * GZIP_MEMBER_INFLATED as u64
}

/// The start of a PNG: its signature and header chunk, then binary noise.
fn png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0".to_vec();
    // Deterministic noise (a linear congruential generator).
    let mut state: u32 = 0x1234_5678;
    for _ in 0..4096 {
        state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        bytes.push((state >> 24) as u8);
    }
    bytes
}
