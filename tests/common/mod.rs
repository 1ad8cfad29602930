//! Helpers shared by the integration tests: finding `../shared`, cleaning
//! files, and the subset match of expected JSON files.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The shared data folder (`$UNCHROME_SHARED`, or `../shared` beside the checkout).
///
/// When it is absent the calling test is skipped with a message — unless
/// `UNCHROME_REQUIRE_SHARED=1`, when the test fails.
pub fn shared_dir(test: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("UNCHROME_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    if dir.join("seeds").is_dir() {
        return Some(dir);
    }
    let required = std::env::var("UNCHROME_REQUIRE_SHARED").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "{test}: shared data not found at {} and UNCHROME_REQUIRE_SHARED=1",
        dir.display()
    );
    eprintln!(
        "{test}: skipped: shared data not found at {}",
        dir.display()
    );
    None
}

/// Cleans a file with the library, as the CLI would, and returns the page as JSON.
pub fn clean_file(path: &Path, explain: bool) -> Value {
    clean_file_with(
        path,
        &unchrome::Config {
            explain,
            ..unchrome::Config::default()
        },
    )
}

/// Cleans a file with the given configuration.
pub fn clean_file_with(path: &Path, config: &unchrome::Config) -> Value {
    let input = unchrome::source::read_file(path, config.max_bytes).expect("readable test input");
    let page = unchrome::clean_input(&input, config).expect("test input cleans");
    serde_json::to_value(page).expect("page serialises")
}

/// Cleans page text given as a string.
pub fn clean_text(text: &str) -> Value {
    let config = unchrome::Config {
        input_format: unchrome::InputFormat::Text,
        ..unchrome::Config::default()
    };
    let page = unchrome::clean(text.as_bytes(), &config).expect("text cleans");
    serde_json::to_value(page).expect("page serialises")
}

/// Cleans page text given as a string, with `removed` and `provenance`.
pub fn clean_text_explained(text: &str) -> Value {
    let config = unchrome::Config {
        input_format: unchrome::InputFormat::Text,
        explain: true,
        ..unchrome::Config::default()
    };
    let page = unchrome::clean(text.as_bytes(), &config).expect("text cleans");
    serde_json::to_value(page).expect("page serialises")
}

/// Whitespace collapsed to single spaces.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Compares `actual` with an expected file's fields (a subset match) and
/// returns every mismatch, not only the first.
///
/// Fields: `title`, `author` (or one of `author_alternatives`), `date`,
/// `author_bio`, `site_name`, `language`, `url` compared exactly; `body`
/// block by block (type, text, level when given); `body_max_words` caps the
/// body's length (pages with no article); `footnotes` by id and text;
/// `not_in_body` lines must not occur inside any body block.
pub fn mismatches(expected: &Value, actual: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for key in [
        "title",
        "date",
        "author_bio",
        "site_name",
        "language",
        "url",
    ] {
        if let Some(want) = expected.get(key) {
            if actual.get(key) != Some(want) {
                out.push(format!(
                    "{key}: want {want}, got {}",
                    actual.get(key).unwrap_or(&Value::Null)
                ));
            }
        }
    }
    if let Some(want) = expected.get("author") {
        let got = actual.get("author").unwrap_or(&Value::Null);
        let alternatives = expected
            .get("author_alternatives")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        if got != want && !alternatives.contains(got) {
            out.push(format!("author: want {want}, got {got}"));
        }
    }
    let empty = Vec::new();
    let body = actual
        .get("body")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    if let Some(want) = expected.get("body").and_then(Value::as_array) {
        if want.len() != body.len() {
            out.push(format!(
                "body: want {} blocks, got {}",
                want.len(),
                body.len()
            ));
        }
        for (i, w) in want.iter().enumerate() {
            let Some(g) = body.get(i) else {
                out.push(format!("body[{i}] missing: {}", w["text"]));
                continue;
            };
            for field in ["type", "text", "level", "notes"] {
                if let Some(wv) = w.get(field) {
                    if g.get(field) != Some(wv) {
                        out.push(format!(
                            "body[{i}].{field}: want {}, got {}",
                            short(wv),
                            short(g.get(field).unwrap_or(&Value::Null))
                        ));
                    }
                }
            }
        }
        for (i, g) in body.iter().enumerate().skip(want.len()) {
            out.push(format!("body[{i}] extra: {}", short(&g["text"])));
        }
    }
    if let Some(want) = expected.get("footnotes").and_then(Value::as_array) {
        let got = actual
            .get("footnotes")
            .and_then(Value::as_array)
            .unwrap_or(&empty);
        if want.len() != got.len() {
            out.push(format!(
                "footnotes: want {} notes, got {}",
                want.len(),
                got.len()
            ));
        }
        for (i, w) in want.iter().enumerate() {
            match got.get(i) {
                Some(g) if g["id"] == w["id"] && g["text"] == w["text"] => {}
                Some(g) => out.push(format!(
                    "footnotes[{i}]: want {} {}, got {} {}",
                    w["id"],
                    short(&w["text"]),
                    g["id"],
                    short(&g["text"])
                )),
                None => out.push(format!("footnotes[{i}] missing: {}", w["id"])),
            }
        }
    }
    if let Some(max) = expected.get("body_max_words").and_then(Value::as_u64) {
        let words: usize = body
            .iter()
            .filter_map(|b| b["text"].as_str())
            .map(unchrome::document::count_words)
            .sum();
        if words as u64 > max {
            out.push(format!("body: {words} words, at most {max} expected"));
        }
    }
    if let Some(lines) = expected.get("not_in_body").and_then(Value::as_array) {
        for line in lines.iter().filter_map(Value::as_str) {
            let line = collapse(line);
            if body.iter().any(|b| {
                b["text"]
                    .as_str()
                    .is_some_and(|t| collapse(t).contains(&line))
            }) {
                out.push(format!("not_in_body: {line:?} is in the body"));
            }
        }
    }
    out
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 90 {
        format!("{}…", s.chars().take(90).collect::<String>())
    } else {
        s
    }
}

/// The validator of the page JSON schema (`schema/page.schema.json`).
pub fn schema_validator() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/page.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("schema file"))
        .expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

/// A run's standard output read as JSON Lines.
pub fn json_lines(out: &std::process::Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}
