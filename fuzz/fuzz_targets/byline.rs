//! The byline parser on arbitrary text: a byline's name
//! (`structure::author::from_byline`), metadata names (`clean`), lines that
//! are only a name, and copyright holders.
#![no_main]

use libfuzzer_sys::fuzz_target;
use unchrome::structure::author::{self, CommonWords};

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let common = CommonWords::default();
    for name in [
        author::from_byline(text),
        author::clean(text),
        author::name_line(text, &common),
        author::copyright_holder(text, &common),
    ]
    .into_iter()
    .flatten()
    {
        assert!(!name.trim().is_empty(), "an empty name from {text:?}");
    }
});
