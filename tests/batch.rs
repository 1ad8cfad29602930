//! Batch runs of the real binary over temporary trees: every input accounted
//! for, input order kept whatever `--jobs` is, output folders written whole,
//! `--skip-existing` resuming a stopped run, Ctrl-C stopping cleanly.

mod common;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn unchrome(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_unchrome"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn spawn(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_unchrome"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs")
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited, not killed")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn last_stderr_line(out: &Output) -> String {
    stderr(out).lines().last().unwrap_or_default().to_string()
}

fn write(path: &Path, bytes: &[u8]) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("folder made");
    }
    std::fs::write(path, bytes).expect("file written");
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("compressed");
    encoder.finish().expect("compressed")
}

fn s(path: &Path) -> &str {
    path.to_str().expect("UTF-8 temp path")
}

/// Every file below `dir`, relative, sorted, hidden ones included.
fn files_below(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walkable"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .expect("below")
                .display()
                .to_string()
        })
        .collect();
    files.sort();
    files
}

const ARTICLE: &str = "A Title Line\n\nThe first paragraph of the page has enough words in it to count as prose, and ends well.\n";
const HTML: &str = "<html><head><title>Heading</title></head><body><article><h1>Heading</h1><p>The first paragraph of the page has enough words in it to count as prose, and ends well.</p></article></body></html>";

/// Whether this process can read a file whose permissions forbid it (root can).
fn privileged(dir: &Path) -> bool {
    let probe = dir.join("probe");
    write(&probe, b"x");
    set_mode(&probe, 0o000);
    let readable = std::fs::read(&probe).is_ok();
    std::fs::remove_file(&probe).expect("probe removed");
    readable
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// A tree with one of every kind of input. Returns the paths (relative) in
/// byte order with the expected outcome of each: `Ok(())` or the error kind.
///
/// The unreadable inputs: a file with mode 000 (readable anyway when the
/// tests run as root, so then expected to clean), and — unreadable for
/// everyone, deterministically — a Unix socket named like a page and a
/// dangling symbolic link named like one.
fn every_kind_of_input(root: &Path) -> Vec<(&'static str, Result<(), &'static str>)> {
    write(&root.join("a.html"), HTML.as_bytes());
    write(&root.join("nested/deeper/b.htm"), HTML.as_bytes());
    write(&root.join("nested/c.txt"), ARTICLE.as_bytes());
    write(&root.join("nested.md"), ARTICLE.as_bytes());
    write(&root.join("zipped.html.gz"), &gzip(HTML.as_bytes()));
    write(
        &root.join("corrupt.html.gz"),
        b"\x1f\x8b\x08\x00 not really gzip",
    );
    write(&root.join("empty.txt"), b"");
    let mut png = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    png.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    write(&root.join("binary.html"), &png);
    write(&root.join("locked.html"), ARTICLE.as_bytes());
    write(&root.join("notes.json"), b"{}"); // not a page: never picked
    write(&root.join(".hidden/secret.html"), ARTICLE.as_bytes());
    write(&root.join(".dot.html"), ARTICLE.as_bytes());
    std::os::unix::fs::symlink("..", root.join("nested/loop")).expect("loop link");
    std::os::unix::fs::symlink("nowhere.html", root.join("dangling.html")).expect("dangling link");
    let socket = std::os::unix::net::UnixListener::bind(root.join("socket.html")).expect("socket");
    drop(socket); // the socket file stays
    let locked_outcome = if privileged(root) {
        Ok(())
    } else {
        Err("unreadable")
    };
    set_mode(&root.join("locked.html"), 0o000);
    vec![
        ("a.html", Ok(())),
        ("binary.html", Err("not-a-page")),
        ("corrupt.html.gz", Err("undecodable")),
        ("dangling.html", Err("not-found")),
        ("empty.txt", Ok(())),
        ("locked.html", locked_outcome),
        ("nested.md", Ok(())),
        ("nested/c.txt", Ok(())),
        ("nested/deeper/b.htm", Ok(())),
        ("socket.html", Err("unreadable")),
        ("zipped.html.gz", Ok(())),
    ]
}

#[test]
fn every_input_of_a_tree_is_accounted_for_in_json_lines() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("in");
    let expected = every_kind_of_input(&root);
    let out = unchrome(&[s(&root), "--jobs", "2"]);
    let failures = expected.iter().filter(|(_, r)| r.is_err()).count();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let lines = common::json_lines(&out);
    let got: Vec<String> = lines
        .iter()
        .map(|l| l["source"]["path"].as_str().expect("path").to_string())
        .collect();
    let want: Vec<String> = expected
        .iter()
        .map(|(p, _)| root.join(p).display().to_string())
        .collect();
    assert_eq!(got, want, "inputs in byte order of their paths");
    let validator = common::schema_validator();
    for (line, (path, outcome)) in lines.iter().zip(&expected) {
        assert!(validator.is_valid(line), "{path}: {line}");
        match outcome {
            Ok(()) => assert!(line.get("error").is_none(), "{path}: {line}"),
            Err(kind) => {
                assert_eq!(line["error"]["kind"], *kind, "{path}: {line}");
                let path = root.join(path).display().to_string();
                assert!(
                    stderr(&out).contains(&format!("unchrome: {path}: ")),
                    "{path} has a stderr line"
                );
            }
        }
    }
    assert_eq!(lines[0]["title"], "Heading");
    assert_eq!(
        lines[10]["title"], "Heading",
        "the .gz page is decompressed"
    );
    assert!(
        stderr(&out).contains("symbolic link loop"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        last_stderr_line(&out),
        format!(
            "unchrome: cleaned {}, failed {failures}, skipped 0 in {}",
            expected.len() - failures,
            last_stderr_line(&out).split(" in ").nth(1).expect("a time")
        )
    );
    assert!(last_stderr_line(&out).ends_with("pages/s)"));
}

#[test]
fn out_dir_mirrors_the_tree_and_holds_only_whole_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("in");
    let expected = every_kind_of_input(&root);
    let out_dir = dir.path().join("out");
    let out = unchrome(&[s(&root), "--out-dir", s(&out_dir)]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let mut want: Vec<String> = expected
        .iter()
        .filter(|(_, r)| r.is_ok())
        .map(|(p, _)| format!("{p}.json"))
        .collect();
    want.push("_errors.jsonl".to_string());
    want.sort();
    assert_eq!(files_below(&out_dir), want, "no temporary or partial files");
    let validator = common::schema_validator();
    for name in want.iter().filter(|n| n.ends_with(".json")) {
        let page: Value = serde_json::from_slice(&std::fs::read(out_dir.join(name)).expect("read"))
            .expect("whole JSON");
        assert!(validator.is_valid(&page), "{name}");
    }
    let errors = std::fs::read_to_string(out_dir.join("_errors.jsonl")).expect("error log");
    let kinds: Vec<String> = errors
        .lines()
        .map(|l| {
            let record: Value = serde_json::from_str(l).expect("whole line");
            assert!(validator.is_valid(&record), "{record}");
            record["error"]["kind"].as_str().expect("kind").to_string()
        })
        .collect();
    let want_kinds: Vec<&str> = expected.iter().filter_map(|(_, r)| r.err()).collect();
    assert_eq!(kinds, want_kinds);
}

#[test]
fn json_lines_are_byte_identical_whatever_the_job_count() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let dir = tempfile::tempdir().expect("temp dir");
    // The samples twice over, plus pages of very different sizes, so that
    // workers finish out of order.
    for copy in ["one", "two"] {
        for entry in walkdir::WalkDir::new(&samples) {
            let entry = entry.expect("walkable");
            if entry.file_type().is_file() {
                let relative = entry.path().strip_prefix(&samples).expect("below");
                write(
                    &dir.path().join(copy).join(relative),
                    &std::fs::read(entry.path()).expect("read"),
                );
            }
        }
    }
    for i in 0..20 {
        write(
            &dir.path().join(format!("sizes/{i:02}.txt")),
            ARTICLE.repeat(1 + (i % 5) * 200).as_bytes(),
        );
    }
    let one = unchrome(&[s(dir.path()), "--jobs", "1", "--explain"]);
    let two = unchrome(&[s(dir.path()), "--jobs", "2", "--explain"]);
    let three = unchrome(&[s(dir.path()), "--jobs", "3", "--explain"]);
    assert_eq!(code(&one), code(&two));
    assert!(common::json_lines(&one).len() > 40);
    assert!(one.stdout == two.stdout, "--jobs 1 and --jobs 2 differ");
    assert!(one.stdout == three.stdout, "--jobs 1 and --jobs 3 differ");
}

#[test]
fn order_is_byte_order_of_paths() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in [
        "a/b.html",
        "a.html",
        "a-b.html",
        "B.html",
        "a/a/z.txt",
        "a0.txt",
    ] {
        write(&dir.path().join(name), ARTICLE.as_bytes());
    }
    let out = unchrome(&[s(dir.path())]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let got: Vec<String> = common::json_lines(&out)
        .iter()
        .map(|l| l["source"]["path"].as_str().expect("path").to_string())
        .collect();
    let mut want: Vec<String> = [
        "a/b.html",
        "a.html",
        "a-b.html",
        "B.html",
        "a/a/z.txt",
        "a0.txt",
    ]
    .iter()
    .map(|n| dir.path().join(n).display().to_string())
    .collect();
    want.sort();
    assert_eq!(got, want);
}

/// Pages big enough that a run over them takes a few seconds.
fn many_pages(root: &Path, count: usize) {
    let body = ARTICLE.repeat(150);
    for i in 0..count {
        write(
            &root.join(format!("p{:02}/page{i:04}.txt", i % 7)),
            format!("Page {i}\n\n{body}").as_bytes(),
        );
    }
}

/// Waits until at least `count` outputs exist below `dir`, or the child ends.
fn wait_for_outputs(child: &mut Child, dir: &Path, count: usize) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while Instant::now() < deadline {
        let done = dir.is_dir()
            && files_below(dir)
                .iter()
                .filter(|f| f.ends_with(".json"))
                .count()
                >= count;
        if done || child.try_wait().expect("waitable").is_some() {
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("no outputs after two minutes");
}

fn signal(child: &Child, name: &str) {
    let status = Command::new("kill")
        .args([name, &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
}

#[test]
fn ctrl_c_stops_cleanly_and_skip_existing_finishes_the_rest() {
    const PAGES: usize = 300;
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("in");
    many_pages(&root, PAGES);
    let out_dir = dir.path().join("out");
    let mut child = spawn(&[s(&root), "--out-dir", s(&out_dir), "--jobs", "1"]);
    wait_for_outputs(&mut child, &out_dir, 3);
    signal(&child, "-INT");
    let out = child.wait_with_output().expect("finishes");
    assert_eq!(code(&out), 130, "{}", stderr(&out));
    assert!(last_stderr_line(&out).starts_with("unchrome: cleaned "));
    let written = files_below(&out_dir);
    assert!(
        written.iter().all(|f| f.ends_with(".json")),
        "no temporary files: {written:?}"
    );
    assert!(written.len() < PAGES, "stopped early");
    for f in &written {
        let bytes = std::fs::read(out_dir.join(f)).expect("read");
        serde_json::from_slice::<Value>(&bytes).expect("whole JSON");
    }

    // Break one output, remember the rest, and resume.
    let torn = out_dir.join(&written[0]);
    std::fs::write(&torn, b"{\"schema\": 1, \"tit").expect("torn");
    let before: Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> = written[1..]
        .iter()
        .map(|f| {
            let p = out_dir.join(f);
            let mtime = std::fs::metadata(&p)
                .expect("meta")
                .modified()
                .expect("mtime");
            (p.clone(), std::fs::read(&p).expect("read"), mtime)
        })
        .collect();
    let out = unchrome(&[s(&root), "--out-dir", s(&out_dir), "--skip-existing"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        last_stderr_line(&out).starts_with(&format!(
            "unchrome: cleaned {}, failed 0, skipped {} in ",
            PAGES - before.len(),
            before.len()
        )),
        "{}",
        last_stderr_line(&out)
    );
    assert_eq!(files_below(&out_dir).len(), PAGES);
    for (path, bytes, mtime) in &before {
        assert_eq!(
            &std::fs::read(path).expect("read"),
            bytes,
            "{}",
            path.display()
        );
        let now = std::fs::metadata(path)
            .expect("meta")
            .modified()
            .expect("mtime");
        assert_eq!(&now, mtime, "{} untouched", path.display());
    }
    serde_json::from_slice::<Value>(&std::fs::read(&torn).expect("read")).expect("rewritten whole");
}

#[test]
fn a_killed_run_leaves_only_whole_outputs_and_resumes() {
    const PAGES: usize = 200;
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("in");
    many_pages(&root, PAGES);
    let out_dir = dir.path().join("out");
    let mut child = spawn(&[s(&root), "--out-dir", s(&out_dir), "--jobs", "2"]);
    wait_for_outputs(&mut child, &out_dir, 5);
    child.kill().expect("killed");
    let _ = child.wait();
    // SIGKILL cannot be caught: a hidden temporary file may remain, but every
    // file under its final name is whole.
    for f in files_below(&out_dir) {
        if f.ends_with(".json") {
            let bytes = std::fs::read(out_dir.join(&f)).expect("read");
            serde_json::from_slice::<Value>(&bytes).expect("whole JSON");
        } else {
            assert!(
                Path::new(&f)
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(".unchrome-")),
                "{f}"
            );
        }
    }
    let out = unchrome(&[s(&root), "--out-dir", s(&out_dir), "--skip-existing"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let outputs = files_below(&out_dir)
        .into_iter()
        .filter(|f| f.ends_with(".json"))
        .count();
    assert_eq!(outputs, PAGES);
}

#[test]
fn human_formats_write_txt_and_md_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("in");
    write(&root.join("a.html"), HTML.as_bytes());
    write(&root.join("s/b.txt"), ARTICLE.as_bytes());
    for (format, ext, start) in [("text", "txt", "Heading"), ("markdown", "md", "# Heading")] {
        let out_dir = dir.path().join(format);
        let out = unchrome(&[s(&root), "--out-dir", s(&out_dir), "--format", format]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        assert_eq!(
            files_below(&out_dir),
            [format!("a.html.{ext}"), format!("s/b.txt.{ext}")]
        );
        let text = std::fs::read_to_string(out_dir.join(format!("a.html.{ext}"))).expect("read");
        assert!(text.starts_with(start), "{text}");
    }
}

#[test]
fn globs_and_hidden_files_choose_the_inputs() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["a.html", "b.txt", "old/c.txt", ".d.txt", ".h/e.txt"] {
        write(&dir.path().join(name), ARTICLE.as_bytes());
    }
    let paths = |args: &[&str]| -> Vec<String> {
        let mut all = vec![s(dir.path())];
        all.extend_from_slice(args);
        let out = unchrome(&all);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        common::json_lines(&out)
            .iter()
            .map(|l| {
                let p = l["source"]["path"].as_str().expect("path");
                p.strip_prefix(s(dir.path()))
                    .unwrap_or(p)
                    .trim_start_matches('/')
                    .to_string()
            })
            .collect()
    };
    assert_eq!(paths(&["--jsonl"]), ["a.html", "b.txt", "old/c.txt"]);
    assert_eq!(paths(&["--glob", "*.txt"]), ["b.txt", "old/c.txt"]);
    assert_eq!(paths(&["--glob", "!old/**"]), ["a.html", "b.txt"]);
    assert_eq!(
        paths(&["--hidden"]),
        [".d.txt", ".h/e.txt", "a.html", "b.txt", "old/c.txt"]
    );
}

#[test]
fn a_gzip_bomb_is_too_large() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bomb = gzip(&vec![b'a'; 8 * 1024 * 1024]);
    assert!(bomb.len() < 64 * 1024);
    write(&dir.path().join("bomb.txt.gz"), &bomb);
    write(&dir.path().join("ok.txt"), ARTICLE.as_bytes());
    let out = unchrome(&[s(dir.path()), "--max-bytes", "1000000"]);
    assert_eq!(code(&out), 1);
    let lines = common::json_lines(&out);
    assert_eq!(lines[0]["error"]["kind"], "too-large");
    assert_eq!(lines[1]["title"], "A Title Line");
}

#[test]
fn outputs_never_leave_the_output_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(&dir.path().join("x/page.html"), HTML.as_bytes());
    write(&dir.path().join("y/page.html"), HTML.as_bytes());
    let out_dir = dir.path().join("x/out");
    let up = dir.path().join("x/out/../../y/page.html");
    // Files given directly go under their file name; a second input with
    // the same name is an error, never an overwrite.
    let out = unchrome(&[
        s(&dir.path().join("x/page.html")),
        s(&up),
        "--out-dir",
        s(&out_dir),
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_eq!(files_below(&out_dir), ["_errors.jsonl", "page.html.json"]);
    let errors = std::fs::read_to_string(out_dir.join("_errors.jsonl")).expect("log");
    assert!(errors.contains("\"kind\":\"write\""), "{errors}");
    // Two folder arguments with the same relative paths: the later pages are errors.
    let out_dir = dir.path().join("twice");
    let x = s(&dir.path().join("x")).to_string();
    let out = unchrome(&[&x, &x, "--out-dir", s(&out_dir)]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        last_stderr_line(&out).starts_with("unchrome: cleaned 1, failed 1, skipped 0"),
        "{}",
        stderr(&out)
    );
    // An output folder inside the input tree is not walked into.
    let out_dir = dir.path().join("x/txt");
    for _ in 0..2 {
        let out = unchrome(&[
            s(&dir.path().join("x")),
            "--out-dir",
            s(&out_dir),
            "--format",
            "text",
        ]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    assert_eq!(files_below(&out_dir), ["page.html.txt"]);
}

#[test]
fn a_run_without_errors_clears_an_old_error_log() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(&dir.path().join("in/a.txt"), ARTICLE.as_bytes());
    let out_dir = dir.path().join("out");
    write(&out_dir.join("_errors.jsonl"), b"{\"stale\":true}\n");
    let out = unchrome(&[s(&dir.path().join("in")), "--out-dir", s(&out_dir)]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(files_below(&out_dir), ["a.txt.json"]);
}

#[test]
fn quiet_keeps_only_the_summary() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(&dir.path().join("a.txt"), ARTICLE.as_bytes());
    write(
        &dir.path().join("b.html"),
        b"\x00\x01\x02\x03\x00\x00\x00\x00\x00\x00\x00\x00",
    );
    let out = unchrome(&[s(dir.path()), "-q"]);
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("unchrome: cleaned 1, failed 1, skipped 0 in "),
        "{err}"
    );
}

#[test]
fn one_file_stays_one_pretty_object_with_nothing_on_stderr() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(&dir.path().join("a.txt"), ARTICLE.as_bytes());
    let out = unchrome(&[s(&dir.path().join("a.txt"))]);
    assert_eq!(code(&out), 0);
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("{\n  \"schema\": 1,"), "{text}");
}

#[test]
fn batch_usage_errors_exit_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = s(dir.path());
    assert_eq!(code(&unchrome(&[d, "--skip-existing"])), 2);
    assert_eq!(code(&unchrome(&[d, "--jobs", "0"])), 2);
    assert_eq!(code(&unchrome(&[d, "--glob", "a[b"])), 2);
    assert_eq!(code(&unchrome(&[d, "--jsonl", "--out-dir", d])), 2);
}
