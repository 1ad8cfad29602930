//! `clean()` on arbitrary bytes read as HTML: never panics, never hangs,
//! and a page it gives serialises to JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use unchrome::{Config, InputFormat};

fuzz_target!(|bytes: &[u8]| {
    let config = Config {
        input_format: InputFormat::Html,
        ..Config::default()
    };
    if let Ok(page) = unchrome::clean(bytes, &config) {
        assert!(serde_json::to_string(&page).is_ok());
    }
});
