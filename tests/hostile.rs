//! Hostile inputs run through the real binary (issue 8: never crash, never
//! lose, never escape): deep nesting, formatting bombs, a 50 MB line, a
//! million empty paragraphs, a huge table, NUL bytes and surrogate
//! references, UTF-16 with and without a byte-order mark, a lying
//! `<meta charset>`, a gzip bomb, a PNG named `.html`, an empty file, a
//! folder named like a page, and a page over its time budget. Every input
//! is generated here (`hostile_inputs`, shared with `unchrome-eval
//! hostile`, which times them); each must give its exit status and a page
//! that fits the schema, or a clear error.

mod common;

#[path = "../src/bin/unchrome-eval/hostile_inputs.rs"]
mod hostile_inputs;

use std::path::Path;
use std::process::{Command, Output};

use hostile_inputs::{Content, Expect, Hostile};
use serde_json::Value;

fn unchrome(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_unchrome"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited, not killed")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn hostile(file: &str) -> Hostile {
    hostile_inputs::all()
        .into_iter()
        .find(|h| h.file == file)
        .expect("a hostile input of that name")
}

/// Writes the hostile input `file` into `dir` and cleans it alone, compact.
fn run(file: &str, dir: &Path) -> Output {
    let h = hostile(file);
    let path = h.write(dir).expect("input written");
    let mut args: Vec<&str> = h.args.to_vec();
    args.push("--compact");
    let path = path.to_str().expect("UTF-8 path").to_string();
    args.push(&path);
    unchrome(&args)
}

fn page(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).expect("stdout is one JSON page")
}

fn body_texts(page: &Value) -> Vec<String> {
    page["body"]
        .as_array()
        .expect("a body")
        .iter()
        .map(|b| b["text"].as_str().expect("text").to_string())
        .collect()
}

fn limits(page: &Value) -> Vec<String> {
    page["limits"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|l| l["limit"].as_str().expect("limit").to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn every_hostile_input_gives_its_exit_status_and_outcome() {
    let validator = common::schema_validator();
    for h in hostile_inputs::all() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = run(h.file, dir.path());
        assert_eq!(code(&out), h.exit, "{}: {}", h.name, stderr(&out));
        assert!(!stderr(&out).contains("panicked"), "{}", h.name);
        match h.expect {
            Expect::Limit(limit) => {
                let page = page(&out);
                assert!(validator.is_valid(&page), "{}: schema", h.name);
                assert!(limits(&page).iter().any(|l| l == limit), "{}", h.name);
            }
            Expect::Page => {
                let page = page(&out);
                assert!(validator.is_valid(&page), "{}: schema", h.name);
                assert!(limits(&page).is_empty(), "{}", h.name);
            }
            Expect::Error(kind) => {
                assert!(out.stdout.is_empty(), "{}", h.name);
                assert!(
                    stderr(&out).contains(&format!("({kind})")),
                    "{}: {}",
                    h.name,
                    stderr(&out)
                );
            }
            Expect::Batch => {
                for line in String::from_utf8_lossy(&out.stdout).lines() {
                    let record: Value = serde_json::from_str(line).expect("JSON line");
                    assert!(validator.is_valid(&record), "{}: schema", h.name);
                }
                assert!(stderr(&out).contains("unchrome: cleaned 1, failed 0"));
            }
        }
    }
}

#[test]
fn deep_nesting_is_flattened_and_nothing_is_lost() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = page(&run("deep-div.html", dir.path()));
    assert_eq!(body_texts(&page), ["The deepest paragraph."]);
    let effect = page["limits"][0]["effect"].as_str().expect("effect");
    assert!(effect.contains("deeper than 256 levels"), "{effect}");

    // Every level's words survive, flattened into one block.
    let page = page_of(&run("deep-div-text.html", dir.path()));
    let words: usize = body_texts(&page)
        .iter()
        .map(|t| t.matches("level").count())
        .sum();
    assert!(words >= hostile_inputs::DEEP - 256, "{words} words");
}

fn page_of(out: &Output) -> Value {
    assert_eq!(code(out), 0, "{}", stderr(out));
    page(out)
}

#[test]
fn unclosed_formatting_keeps_every_paragraph() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = page_of(&run("formatting-bomb.html", dir.path()));
    // Every paragraph is kept, with its one word.
    let texts = body_texts(&page);
    assert_eq!(texts.len(), hostile_inputs::FORMATTING_BOMB);
    assert!(texts.iter().all(|t| t == "x"));
}

#[test]
fn a_fifty_megabyte_line_is_split_and_kept_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = page_of(&run("long-line.txt", dir.path()));
    let texts = body_texts(&page);
    assert!(texts.len() > 1);
    let kept: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let input = std::fs::read_to_string(dir.path().join("long-line.txt")).expect("input");
    assert_eq!(kept, input.split_whitespace().count());
}

#[test]
fn a_million_empty_paragraphs_and_a_huge_table_are_cut_short() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = page_of(&run("empty-paragraphs.html", dir.path()));
    assert!(body_texts(&page).is_empty());
    assert_eq!(limits(&page), ["max-elements"]);

    let page = page_of(&run("huge-table.html", dir.path()));
    let texts = body_texts(&page);
    assert_eq!(texts.len(), 100_000);
    assert!(texts.iter().all(|t| t == "cell"));
    assert_eq!(limits(&page), ["max-blocks"]);
}

#[test]
fn nul_bytes_and_surrogate_references_become_replacement_characters() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = page_of(&run("nul-surrogates.html", dir.path()));
    assert_eq!(
        body_texts(&page),
        ["Zero\u{FFFD}here, high\u{FFFD}there, low\u{FFFD}and rawbyte, past\u{FFFD}end."]
    );
}

#[test]
fn utf16_pages_are_read_with_and_without_a_byte_order_mark() {
    for file in [
        "utf16le-bom.html",
        "utf16be-bom.html",
        "utf16le.html",
        "utf16be.html",
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let page = page_of(&run(file, dir.path()));
        assert_eq!(page["title"], "Sixteen bits", "{file}");
        assert_eq!(
            body_texts(&page),
            ["This page is written in UTF-16, as some old Windows tools save pages."],
            "{file}"
        );
        assert!(page["source"]["encoding"]
            .as_str()
            .is_some_and(|e| e.starts_with("UTF-16")));
    }
}

#[test]
fn a_lying_meta_charset_loses_to_valid_utf8() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = page_of(&run("lying-charset.html", dir.path()));
    assert_eq!(body_texts(&page), ["Crème brûlée in Zürich — naïve café."]);
    assert_eq!(page["source"]["encoding"], "UTF-8");
}

#[test]
fn a_gzip_bomb_is_refused_before_it_inflates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run("bomb.html.gz", dir.path());
    assert_eq!(code(&out), 1);
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).contains("larger than the limit of 20971520 bytes (--max-bytes) (too-large)")
    );
    let on_disk = std::fs::metadata(dir.path().join("bomb.html.gz"))
        .expect("bomb")
        .len();
    let member = hostile_inputs::gzip_member().len();
    let inflated = hostile_inputs::gzip_bomb_inflated(on_disk as usize, member);
    assert!(
        on_disk < 11_000_000 && inflated > 10_000_000_000,
        "{on_disk} → {inflated}"
    );
}

#[test]
fn binary_and_empty_files_and_folders_named_like_pages() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run("image.html", dir.path());
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("binary data, not a web page or text (not-a-page)"));

    let page = page_of(&run("empty.html", dir.path()));
    assert!(body_texts(&page).is_empty());
    assert_eq!(page["title"], Value::Null);

    // Named alone, a folder is walked; in a batch, its pages keep their
    // paths below it and never collide with a file of the folder's name.
    let out = run("x.html", dir.path());
    assert_eq!(code(&out), 0);
    let record: Value = serde_json::from_slice(&out.stdout).expect("one JSON line");
    assert!(record["source"]["path"]
        .as_str()
        .is_some_and(|p| p.ends_with("x.html/in.html")));
    let tree = dir.path().join("tree");
    std::fs::create_dir_all(tree.join("x.html")).expect("folder");
    std::fs::copy(
        dir.path().join("x.html/in.html"),
        tree.join("x.html/in.html"),
    )
    .expect("page");
    std::fs::write(
        tree.join("x.html.txt"),
        "A page beside the folder, long enough to count.",
    )
    .expect("page");
    let out_dir = dir.path().join("out");
    let out = unchrome(&[
        tree.to_str().expect("UTF-8"),
        "--out-dir",
        out_dir.to_str().expect("UTF-8"),
        "-q",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(out_dir.join("x.html/in.html.json").is_file());
    assert!(out_dir.join("x.html.txt.json").is_file());
}

#[test]
fn every_hostile_input_is_accounted_for_in_one_batch() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tree = dir.path().join("tree");
    std::fs::create_dir_all(&tree).expect("folder");
    let mut expected = 0;
    for h in hostile_inputs::all() {
        // The long line needs a larger --max-bytes than the rest; alone it is tested above.
        if !h.args.is_empty() {
            continue;
        }
        h.write(&tree).expect("input written");
        expected += 1;
    }
    let out = unchrome(&[tree.to_str().expect("UTF-8"), "--jsonl", "-j", "2"]);
    assert_eq!(code(&out), 1, "two inputs fail");
    let records: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(records.len(), expected);
    let kinds: Vec<&str> = records
        .iter()
        .filter_map(|r| r["error"]["kind"].as_str())
        .collect();
    assert_eq!(kinds, ["too-large", "not-a-page"]);
    assert!(stderr(&out).contains(&format!("cleaned {}, failed 2", expected - 2)));
}

#[test]
fn a_page_over_its_time_budget_is_a_timeout_and_the_run_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tree = dir.path().join("tree");
    std::fs::create_dir_all(&tree).expect("folder");
    for name in ["a.html", "b.html"] {
        std::fs::write(
            tree.join(name),
            "<p>A page that cannot be cleaned in a nanosecond.</p>",
        )
        .expect("page");
    }
    let out = unchrome(&[
        tree.to_str().expect("UTF-8"),
        "--page-timeout",
        "0.000000001",
    ]);
    assert_eq!(code(&out), 1);
    let records: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(records.len(), 2);
    assert!(records.iter().all(|r| r["error"]["kind"] == "timeout"));
    assert!(stderr(&out).contains("cleaned 0, failed 2"));
    // A bad budget is a usage error.
    let out = unchrome(&["--page-timeout", "-1", tree.to_str().expect("UTF-8")]);
    assert_eq!(code(&out), 2);
    // Without a budget the same pages clean.
    let out = unchrome(&[tree.to_str().expect("UTF-8"), "--page-timeout", "0"]);
    assert_eq!(code(&out), 0);
}

#[test]
fn hostile_inputs_make_what_they_say() {
    // The generators themselves: sizes as named.
    let h = hostile("long-line.txt");
    let Content::File(bytes) = (h.make)() else {
        panic!("a file")
    };
    assert_eq!(bytes.len(), hostile_inputs::LONG_LINE_BYTES);
    assert!(!bytes.contains(&b'\n'));
    assert_eq!(h.args, ["--max-bytes", hostile_inputs::LONG_LINE_MAX_BYTES]);
    let h = hostile("empty-paragraphs.html");
    let Content::File(bytes) = (h.make)() else {
        panic!("a file")
    };
    assert_eq!(
        bytes.len(),
        hostile_inputs::EMPTY_PARAGRAPHS * "<p></p>".len()
    );
    let h = hostile("huge-table.html");
    let Content::File(bytes) = (h.make)() else {
        panic!("a file")
    };
    let cells = String::from_utf8_lossy(&bytes).matches("<td>").count();
    assert_eq!(
        cells,
        hostile_inputs::TABLE_ROWS * hostile_inputs::TABLE_COLUMNS
    );
    assert!(matches!((hostile("x.html").make)(), Content::Folder));
    const { assert!(hostile_inputs::GZIP_BOMB_BYTES >= 10 * 1024 * 1024) };
}

/// Every file below `root` outside `skip`, with its bytes.
fn snapshot(root: &Path, skip: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("listed") {
            let path = entry.expect("entry").path();
            if path.starts_with(skip) {
                continue;
            }
            let meta = std::fs::symlink_metadata(&path).expect("metadata");
            if meta.is_dir() {
                stack.push(path);
            } else if meta.is_file() {
                let bytes = std::fs::read(&path).expect("read");
                files.push((path, bytes));
            }
        }
    }
    files.sort();
    files
}

#[cfg(unix)]
#[test]
fn nothing_is_written_outside_the_output_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    let input = root.join("in");
    let out = root.join("out");
    let outside = root.join("outside");
    std::fs::create_dir_all(input.join("escape")).expect("folder");
    std::fs::create_dir_all(&outside).expect("folder");
    std::fs::create_dir_all(&out).expect("folder");
    // A link inside the output folder that leads out of it.
    std::os::unix::fs::symlink(&outside, out.join("escape")).expect("link");
    let page = "<p>A page with a hostile name, long enough to be an article paragraph.</p>";
    let long = format!("{}.html", "n".repeat(250));
    let names = [
        "CON.html",
        "nul",
        "a\nb.html",
        "..dots.html",
        "-.html",
        "A.html",
        "a.html",
        long.as_str(),
        "escape/x.html",
    ];
    for name in names {
        std::fs::write(input.join(name), page).expect("page");
    }
    let before = snapshot(root, &out);
    let dotted = format!("{}/../in/a.html", input.display());
    let output = Command::new(env!("CARGO_BIN_EXE_unchrome"))
        .args([
            input.to_str().expect("UTF-8"),
            &dotted,
            "-",
            "--glob",
            "*",
            "--hidden",
            "--out-dir",
            out.to_str().expect("UTF-8"),
        ])
        .stdin(std::fs::File::open(input.join("A.html")).expect("stdin"))
        .output()
        .expect("binary runs");
    // The one refused: the page whose output would go through the link.
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert!(stderr(&output).contains("leads outside the output folder"));
    assert_eq!(snapshot(root, &out), before, "files outside OUT changed");
    assert_eq!(std::fs::read_dir(&outside).expect("listed").count(), 0);
    // Every other input has its output inside, under a safe name.
    let written = snapshot(&out, &outside);
    let names: Vec<String> = written
        .iter()
        .map(|(p, _)| {
            p.strip_prefix(&out)
                .expect("inside")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert!(names.iter().any(|n| n.starts_with("CON~")), "{names:?}");
    assert!(names.iter().any(|n| n.starts_with("nul~")), "{names:?}");
    assert!(names.iter().any(|n| n.starts_with("a_b~")), "{names:?}");
    assert!(names.contains(&"..dots.html.json".to_string()), "{names:?}");
    assert!(names.contains(&"stdin.json".to_string()), "{names:?}");
    assert!(
        names.iter().all(|n| n.len() <= 255 + "/".len()),
        "{names:?}"
    );
    assert!(names
        .iter()
        .any(|n| n.starts_with("nnnn") && n.contains('~')));
    assert!(written.iter().all(|(p, _)| p.starts_with(&out)));
}

#[test]
fn attribute_and_byline_bombs_keep_their_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    for file in ["attribute-bomb.html", "attribute-bomb-svg.html"] {
        let page = page_of(&run(file, dir.path()));
        let texts = body_texts(&page);
        assert!(texts.iter().any(|t| t == "bold"), "{file}: {texts:?}");
        assert!(
            texts.iter().any(|t| t == "After the tags."),
            "{file}: {texts:?}"
        );
    }
    let page = page_of(&run("byline-bomb.html", dir.path()));
    let words: usize = body_texts(&page)
        .iter()
        .map(|t| t.split_whitespace().count())
        .sum();
    assert_eq!(words, hostile_inputs::BYLINE_BOMB_WORDS);
    // Far too long to be a byline.
    assert_eq!(page["author"], Value::Null);
}
