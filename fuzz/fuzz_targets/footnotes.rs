//! The footnote parser on arbitrary text: the notes region of the text's
//! blocks (`strip::notes::locate`), its footnotes with their URLs
//! (`structure::footnotes`), and the note markers of the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use unchrome::config::Thresholds;
use unchrome::document::text;
use unchrome::strip::notes;
use unchrome::structure::footnotes;

fuzz_target!(|bytes: &[u8]| {
    let Ok(page) = std::str::from_utf8(bytes) else {
        return;
    };
    let doc = text::parse(page, &Thresholds::default());
    let region = notes::locate(&doc);
    if let Some(region) = &region {
        assert!(region.blocks.iter().all(|&b| b < doc.blocks.len()));
    }
    for note in footnotes::from_region(region.as_ref()) {
        assert!(!note.id.is_empty());
    }
    let _ = notes::markers(page);
    let _ = footnotes::urls(page);
});
