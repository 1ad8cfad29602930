//! unchrome turns scraped web pages — saved HTML or raw page text — into
//! clean, structured JSON: title, author, body as typed blocks, footnotes,
//! author bio and the metadata the page states, with every removal explained.
//!
//! The pipeline has one module per stage:
//!
//! ```text
//! source ─► decode ─► document ─► strip ─► structure ─► output
//! ```
//!
//! ```
//! let page = unchrome::clean(b"Hello\n\nThis is a short page of text with one paragraph in it, long enough to count as prose.", &unchrome::Config::default()).unwrap();
//! assert_eq!(page.body.len(), 1);
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod batch;
pub mod config;
pub mod decode;
pub mod document;
pub mod error;
pub mod fetch;
pub mod lexicon;
pub mod output;
pub mod source;
pub mod strip;
pub mod structure;

pub use config::{Config, Favor, InputFormat, Thresholds};
pub use error::{Error, ErrorKind};
pub use output::{BlockType, BodyBlock, Footnote, Page, SourceInfo};
pub use source::{Input, Origin};

/// Cleans one page given as bytes.
///
/// Fails only when the bytes are not a page (binary data) or exceed
/// `config.max_bytes`; any text or HTML, however broken, yields a [`Page`].
pub fn clean(bytes: &[u8], config: &Config) -> Result<Page, Error> {
    clean_input(
        &Input {
            origin: Origin::Bytes,
            bytes: bytes.to_vec(),
            content_type: None,
        },
        config,
    )
}

/// Cleans one page from a [`source`] input, recording where it came from.
///
/// Fails when the input is too large, not a page, or takes longer than
/// `config.time_budget` (checked between stages and during the HTML parse).
pub fn clean_input(input: &Input, config: &Config) -> Result<Page, Error> {
    let started = std::time::Instant::now();
    let origin = input.origin.to_string();
    let limits = document::Limits::of(
        config,
        config
            .time_budget
            .and_then(|budget| started.checked_add(budget)),
    );
    let timeout = || {
        Error::new(
            origin.clone(),
            ErrorKind::Timeout,
            format!(
                "cleaning took longer than the time budget of {:.1} s (--page-timeout)",
                config.time_budget.unwrap_or_default().as_secs_f64()
            ),
        )
    };
    if input.bytes.len() as u64 > config.max_bytes {
        return Err(Error::new(
            origin,
            ErrorKind::TooLarge,
            format!(
                "{} bytes is over the limit of {} bytes (--max-bytes)",
                input.bytes.len(),
                config.max_bytes
            ),
        ));
    }
    let decoded = decode::decode(
        &input.bytes,
        input.content_type.as_deref(),
        config.input_format,
    )
    .map_err(|message| Error::new(origin.clone(), ErrorKind::NotAPage, message))?;
    let encoding = decoded.encoding;
    if limits.expired() {
        return Err(timeout());
    }
    let doc = match decoded.format {
        document::Format::Html => document::html::parse_limited(
            &decoded.text,
            document::html::Collect {
                links: config.links,
                images: config.images,
            },
            &limits,
        )
        .map_err(|document::DeadlinePassed| timeout())?,
        document::Format::Text => {
            document::text::parse_limited(&decoded.text, &config.thresholds, &limits)
        }
    };
    drop(decoded.text);
    if limits.expired() {
        return Err(timeout());
    }
    let stripped = strip::strip(&doc, config);
    if limits.expired() {
        return Err(timeout());
    }
    let mut page = structure::build(&doc, stripped, config, input.origin.url());
    if limits.expired() {
        return Err(timeout());
    }
    page.limits = doc
        .limits
        .iter()
        .map(|hit| output::LimitNote {
            limit: hit.limit.to_string(),
            effect: hit.effect.clone(),
        })
        .collect();
    page.source = input.origin.source_info();
    page.source.format = Some(doc.format.as_str().to_string());
    page.source.encoding = Some(encoding.to_string());
    Ok(page)
}
