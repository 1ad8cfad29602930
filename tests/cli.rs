//! The command line on bad and good input: exit codes, error kinds, and
//! that nothing panics. Runs the real binary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn unchrome(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_unchrome"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn unchrome_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_unchrome"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("input written");
    child.wait_with_output().expect("binary finishes")
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited, not killed")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A fresh temporary folder for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("unchrome-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("file written");
    path.display().to_string()
}

fn assert_no_panic(out: &Output) {
    assert!(!stderr(out).contains("panicked"), "panic: {}", stderr(out));
}

const ARTICLE: &str = "A Title Line\n\nThe first paragraph of the page has enough words in it to count as prose, and ends well.\n";

#[test]
fn missing_file_is_an_error_naming_it() {
    let out = unchrome(&["/nonexistent/unchrome/page.html"]);
    assert_eq!(code(&out), 1);
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("/nonexistent/unchrome/page.html"));
    assert!(stderr(&out).contains("not-found"));
}

#[test]
fn empty_file_is_a_clean_empty_page() {
    let dir = temp_dir("empty");
    let path = write(&dir, "empty.txt", b"");
    let out = unchrome(&[&path]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let page: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(page["body"], serde_json::json!([]));
    assert_eq!(page["schema"], 1);
}

#[test]
fn binary_file_is_not_a_page() {
    let dir = temp_dir("binary");
    let mut png = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    png.extend((0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8));
    let path = write(&dir, "image.html", &png);
    let out = unchrome(&[&path]);
    assert_eq!(code(&out), 1);
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("not-a-page"), "{}", stderr(&out));
    assert_no_panic(&out);
}

#[test]
fn invalid_utf8_is_decoded_with_replacement() {
    let dir = temp_dir("utf8");
    let mut bytes = ARTICLE.as_bytes().to_vec();
    bytes.extend_from_slice(
        b"\nBroken \xff\xfe\xc3 bytes inside a sentence that still has plenty of words.\n",
    );
    let path = write(&dir, "broken.txt", &bytes);
    let out = unchrome(&[&path]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let page: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert!(!page["body"].as_array().expect("body").is_empty());
}

#[test]
fn page_over_max_bytes_is_too_large() {
    let dir = temp_dir("large");
    let path = write(&dir, "page.txt", ARTICLE.repeat(10).as_bytes());
    let out = unchrome(&["--max-bytes", "100", &path]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("too-large"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let out = unchrome(&["--no-such-flag", "x"]);
    assert_eq!(code(&out), 2);
    let out = unchrome(&[]);
    assert_eq!(code(&out), 2);
}

#[test]
fn several_inputs_are_all_accounted_for_in_json_lines() {
    let dir = temp_dir("several");
    let good = write(&dir, "good.txt", ARTICLE.as_bytes());
    let missing = dir.join("missing.txt").display().to_string();
    let out = unchrome(&[&good, &missing, &good]);
    assert_eq!(code(&out), 1);
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["title"], "A Title Line");
    assert_eq!(lines[1]["error"]["kind"], "not-found");
    assert_eq!(lines[1]["source"]["path"], missing.as_str());
    assert_eq!(lines[2]["source"]["path"], good.as_str());
}

#[test]
fn stdin_is_read_with_dash() {
    let out = unchrome_stdin(&["-", "--compact"], ARTICLE.as_bytes());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let page: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(page["source"]["kind"], "stdin");
    assert_eq!(page["title"], "A Title Line");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim().lines().count(),
        1
    );
}

#[test]
fn explain_lists_removals_with_reasons() {
    let page = format!("Skip to main content\n{ARTICLE}\nAdvertisement\n");
    let out = unchrome_stdin(&["-", "--explain"], page.as_bytes());
    let page: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let removed = page["removed"].as_array().expect("removed list");
    assert!(removed
        .iter()
        .any(|r| r["reason"] == "title" && r["text"] == "A Title Line"));
    assert!(page["provenance"]["title"].is_string());
}

#[test]
fn human_formats_render_text() {
    let out = unchrome_stdin(&["-", "--format", "markdown"], ARTICLE.as_bytes());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("# A Title Line\n"), "{text}");
    let out = unchrome_stdin(&["-", "--format", "text"], ARTICLE.as_bytes());
    assert!(String::from_utf8_lossy(&out.stdout).contains("The first paragraph"));
}

#[test]
fn version_and_help_exit_zero() {
    let out = unchrome(&["--version"]);
    assert_eq!(code(&out), 0);
    assert!(String::from_utf8_lossy(&out.stdout).contains(env!("CARGO_PKG_VERSION")));
    assert_eq!(code(&unchrome(&["--help"])), 0);
}

#[test]
fn input_format_can_be_forced() {
    let html =
        b"<p>Some <b>bold</b> words in a paragraph that is long enough to be prose here.</p>";
    let out = unchrome_stdin(&["-", "--input-format", "text"], html);
    let page: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(page["source"]["format"], "text");
    let out = unchrome_stdin(&["-"], html);
    let page: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(page["source"]["format"], "html");
    assert!(page["body"][0]["text"]
        .as_str()
        .is_some_and(|t| t.contains("Some bold words")));
}

#[test]
fn links_and_images_are_resolved_against_the_base() {
    let html = br#"<html><head><base href="https://example.org/news/"></head><body><article>
        <p>The council met on Tuesday, and <a href="report.html">the full report</a> is online now, with
        <a href="/archive/">older reports</a> beside it.<img src="img/chart.png" alt="A chart"></p>
        <p>A second paragraph of ordinary prose keeps the article long enough to be one.</p>
        </article></body></html>"#;
    let out = unchrome_stdin(&["-", "--links", "--images"], html);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let page: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let block = &page["body"][0];
    assert_eq!(
        block["links"][0]["href"],
        "https://example.org/news/report.html"
    );
    assert_eq!(block["links"][0]["text"], "the full report");
    assert_eq!(block["links"][1]["href"], "https://example.org/archive/");
    assert_eq!(
        block["images"][0]["src"],
        "https://example.org/news/img/chart.png"
    );
    assert_eq!(block["images"][0]["alt"], "A chart");
    // Without the flags, blocks carry neither.
    let out = unchrome_stdin(&["-"], html);
    let page: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert!(page["body"][0].get("links").is_none());
    assert!(page["body"][0].get("images").is_none());
}
