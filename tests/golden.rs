//! Golden tests: every `samples/<case>/` input cleaned and compared with its
//! hand-written `expected.json`. Every failing case is reported, not only the
//! first. `BLESS=1` rewrites the compared fields of the expected files from
//! the current output, on purpose, for review in the diff.

mod common;

use std::path::{Path, PathBuf};

use serde_json::Value;

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("samples/ exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("expected.json").is_file())
        .collect();
    dirs.sort();
    dirs
}

fn input_of(case: &Path) -> PathBuf {
    ["page.txt", "page.html", "page.md"]
        .iter()
        .map(|n| case.join(n))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("{}: no page.txt/page.html/page.md", case.display()))
}

#[test]
fn every_sample_matches_its_expected_json() {
    let cases = cases();
    assert!(
        cases.len() >= 8,
        "expected at least 8 samples, found {}",
        cases.len()
    );
    let bless = std::env::var("BLESS").is_ok_and(|v| v == "1");
    let mut failures = Vec::new();
    for case in &cases {
        let expected_path = case.join("expected.json");
        let mut expected: Value =
            serde_json::from_str(&std::fs::read_to_string(&expected_path).expect("readable"))
                .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        let actual = common::clean_file(&input_of(case), false);
        let problems = common::mismatches(&expected, &actual);
        if problems.is_empty() {
            continue;
        }
        if bless {
            for key in [
                "title",
                "author",
                "date",
                "author_bio",
                "body",
                "footnotes",
                "site_name",
                "language",
                "url",
            ] {
                if expected.get(key).is_some() {
                    expected[key] = actual[key].clone();
                }
            }
            let text = serde_json::to_string_pretty(&expected).expect("serialises") + "\n";
            std::fs::write(&expected_path, text).expect("writable");
        }
        let name = case
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        failures.push(format!("== {name}\n{}", problems.join("\n")));
    }
    assert!(
        failures.is_empty() || bless,
        "{} of {} samples differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn every_sample_output_fits_the_json_schema() {
    let validator = common::schema_validator();
    let mut failures = Vec::new();
    for case in cases() {
        for explain in [false, true] {
            // With --explain also --links and --images, so every field is checked.
            let config = unchrome::Config {
                explain,
                links: explain,
                images: explain,
                ..unchrome::Config::default()
            };
            let actual = common::clean_file_with(&input_of(&case), &config);
            for error in validator.iter_errors(&actual) {
                failures.push(format!(
                    "{} (explain={explain}): {error} at {}",
                    case.display(),
                    error.instance_path()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
