//! The seed page from `../shared/seeds`, cleaned exactly as its expected JSON says.

mod common;

use serde_json::Value;

const SEED: &str = "seeds/000_b22d2addbc7dce46";

#[test]
fn seed_matches_its_expected_json() {
    let Some(shared) = common::shared_dir("seed_matches_its_expected_json") else {
        return;
    };
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(shared.join(format!("{SEED}.expected.json")))
            .expect("expected file"),
    )
    .expect("expected JSON");
    let actual = common::clean_file(&shared.join(format!("{SEED}.txt")), false);
    let problems = common::mismatches(&expected, &actual);
    assert!(
        problems.is_empty(),
        "seed mismatches:\n{}",
        problems.join("\n")
    );
    // The acceptance figures, stated outright.
    assert_eq!(actual["body"].as_array().map(Vec::len), Some(13));
    assert_eq!(actual["body"][2]["type"], "heading");
    let ids: Vec<&str> = actual["footnotes"]
        .as_array()
        .expect("footnotes")
        .iter()
        .filter_map(|n| n["id"].as_str())
        .collect();
    let want: Vec<String> = (1..=4)
        .chain(7..=18)
        .chain(20..=22)
        .map(|n| n.to_string())
        .collect();
    assert_eq!(ids, want);
}

#[test]
fn seed_body_blocks_carry_the_notes_they_cite() {
    let Some(shared) = common::shared_dir("seed_body_blocks_carry_the_notes_they_cite") else {
        return;
    };
    let actual = common::clean_file(&shared.join(format!("{SEED}.txt")), false);
    let cited: Vec<String> = actual["body"]
        .as_array()
        .expect("body")
        .iter()
        .flat_map(|b| b["notes"].as_array().cloned().unwrap_or_default())
        .filter_map(|n| n.as_str().map(str::to_string))
        .collect();
    // Every marker 1–22 is cited once, including 5, 6 and 19 that the notes list lacks.
    let want: Vec<String> = (1..=22).map(|n| n.to_string()).collect();
    assert_eq!(cited, want);
}
