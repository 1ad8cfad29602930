//! The output folder of a batch run: where each input's output goes, atomic
//! writes (a temporary file in the same folder, then a rename), the
//! `--skip-existing` check, and the `_errors.jsonl` log.
//!
//! Output names come from input paths, so they are made safe: only normal
//! components are kept (no root, `.` or `..`: nothing can leave the
//! folder); a name with control characters has them replaced; a name too
//! long for the file system (with the extension added) is shortened; a name
//! Windows reserves for a device (`CON`, `nul.html`, `COM1.txt`, …) gets a
//! suffix. Every name changed so also gets a short hash of the original, so
//! two names never become one. On a file system that ignores case, two
//! inputs whose names differ only by case would share an output: the later
//! one gets a hashed name instead (see [`CaseFold`]).

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::{self, BufReader, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use super::FileFormat;
use crate::source::walk::sanitize;

/// Name of the error log inside the output folder.
pub const ERRORS_FILE: &str = "_errors.jsonl";

/// Prefix of temporary files (hidden, so that walks skip them).
const TEMP_PREFIX: &str = ".unchrome-";

/// Suffix of temporary files.
const TEMP_SUFFIX: &str = ".tmp";

/// Longest file name most file systems take, in bytes.
const MAX_NAME_BYTES: usize = 255;

/// Device names Windows reserves, alone or before any extension.
const WINDOWS_RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// What a changed name gets after its stem: `~` and the hash of the original.
const HASH_MARK: char = '~';

/// Hex digits of that hash.
const HASH_HEX_DIGITS: usize = 12;

/// Name of the probe file that tells whether the output folder ignores case.
const CASE_PROBE: &str = ".unchrome-case-probe.tmp";

/// Mode of new output files before the umask, as for any newly created file.
#[cfg(unix)]
const OUTPUT_MODE: u32 = 0o666;

/// The output folder.
#[derive(Debug)]
pub(crate) struct OutTree {
    /// The folder, canonical.
    root: PathBuf,
    format: FileFormat,
    skip_existing: bool,
    /// The folder's file system ignores case.
    ignores_case: bool,
}

impl OutTree {
    /// Creates the folder if needed.
    pub(crate) fn create(dir: &Path, format: FileFormat, skip_existing: bool) -> io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let mut tree = OutTree {
            root: dir.canonicalize()?,
            format,
            skip_existing,
            ignores_case: false,
        };
        tree.ignores_case = tree.probe_case();
        Ok(tree)
    }

    /// Outputs claimed so far, when the folder's file system ignores case
    /// (`None` otherwise: there, names that differ only by case never meet).
    pub(crate) fn case_fold(&self) -> Option<CaseFold> {
        self.ignores_case.then(CaseFold::default)
    }

    /// The folder, canonical.
    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    /// Where the output of the input at `relative` goes: the full input name
    /// with the format's extension added (`a.html` → `a.html.json`), below
    /// the folder, each name made safe (see the module notes); `None` when
    /// `relative` has no normal component.
    pub(crate) fn output_path(&self, relative: &Path) -> Option<PathBuf> {
        let clean = sanitize(relative);
        let count = clean.components().count();
        if count == 0 {
            return None;
        }
        let mut path = self.root.clone();
        for (i, part) in clean.components().enumerate() {
            let extension = (i + 1 == count).then(|| self.format.extension());
            path.push(safe_name(part.as_os_str(), extension));
        }
        Some(path)
    }

    /// Whether the folder's file system ignores case (`A.json` is `a.json`),
    /// found by creating a probe file and looking for it in upper case.
    fn probe_case(&self) -> bool {
        let lower = self.root.join(CASE_PROBE);
        let upper = self.root.join(CASE_PROBE.to_ascii_uppercase());
        if File::create(&lower).is_err() {
            return false;
        }
        let ignores = upper.exists();
        let _ = std::fs::remove_file(&lower);
        ignores
    }

    /// Whether `--skip-existing` keeps the output at `path`: it exists and,
    /// for JSON, parses (a complete earlier output, never a torn one).
    pub(crate) fn keeps(&self, path: &Path) -> bool {
        if !self.skip_existing {
            return false;
        }
        match self.format {
            FileFormat::Json { .. } => File::open(path).is_ok_and(|file| {
                serde_json::from_reader::<_, serde::de::IgnoredAny>(BufReader::new(file)).is_ok()
            }),
            FileFormat::Text(_) => path.is_file(),
        }
    }

    /// Writes `bytes` to `path` atomically, creating folders as needed and
    /// refusing any path that would leave the folder (through a symbolic link).
    pub(crate) fn write(&self, path: &Path, bytes: &[u8]) -> Result<(), String> {
        let parent = path
            .parent()
            .ok_or_else(|| format!("{} has no parent folder", path.display()))?;
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("creating {}: {e}", parent.display()))?;
        let real_parent = parent
            .canonicalize()
            .map_err(|e| format!("resolving {}: {e}", parent.display()))?;
        if !real_parent.starts_with(&self.root) {
            return Err(format!(
                "{} leads outside the output folder {}; not written",
                parent.display(),
                self.root.display()
            ));
        }
        let mut temp = temp_file_in(&real_parent)
            .map_err(|e| format!("creating a temporary file in {}: {e}", parent.display()))?;
        temp.write_all(bytes)
            .map_err(|e| format!("writing {}: {e}", path.display()))?;
        temp.persist(path)
            .map_err(|e| format!("renaming into {}: {}", path.display(), e.error))?;
        Ok(())
    }

    /// A log for error records, written in full to [`ERRORS_FILE`] at the end.
    pub(crate) fn error_log(&self) -> ErrorLog {
        ErrorLog {
            dir: self.root.clone(),
            temp: None,
        }
    }
}

/// `name` made safe as one output file or folder name, with `.extension`
/// added when given: control characters replaced, shortened to
/// [`MAX_NAME_BYTES`], Windows device names suffixed; a changed name ends
/// its stem with `~` and a hash of the original.
fn safe_name(name: &OsStr, extension: Option<&str>) -> OsString {
    let suffix = extension.map_or(String::new(), |e| format!(".{e}"));
    let text = name.to_str();
    let reserved = text.is_some_and(is_windows_reserved);
    let controls = text.is_some_and(|t| t.chars().any(char::is_control));
    let fits = name.len() + suffix.len() <= MAX_NAME_BYTES;
    if let (Some(text), false, false, true) = (text, reserved, controls, fits) {
        let mut out = OsString::from(text);
        out.push(&suffix);
        return out;
    }
    let cleaned: String = name
        .to_string_lossy()
        .chars()
        .map(|c| if c.is_control() { '_' } else { c })
        .collect();
    OsString::from(insert_mark(
        &format!("{cleaned}{suffix}"),
        stable_hash(name.as_encoded_bytes()),
    ))
}

/// `name` with `~` and `hash` (in hex) at the end of its stem (before the
/// first dot, where Windows reads device names), shortened to
/// [`MAX_NAME_BYTES`] when needed: then the stem keeps what fits and only
/// the last extension stays (the hash keeps the name apart).
fn insert_mark(name: &str, hash: u64) -> String {
    let mark = format!(
        "{HASH_MARK}{:0width$x}",
        hash >> (64 - 4 * HASH_HEX_DIGITS),
        width = HASH_HEX_DIGITS
    );
    let (stem, rest) = name.split_at(name.find('.').unwrap_or(name.len()));
    if name.len() + mark.len() <= MAX_NAME_BYTES {
        return format!("{stem}{mark}{rest}");
    }
    let last = name.rfind('.').map_or("", |dot| &name[dot..]);
    let last = truncate_at_char(last, MAX_NAME_BYTES / 2);
    let stem = truncate_at_char(stem, MAX_NAME_BYTES - mark.len() - last.len());
    format!("{stem}{mark}{last}")
}

/// Whether Windows reserves `name` for a device: `CON`, `nul.html`, `Com1.txt`, …
fn is_windows_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    WINDOWS_RESERVED
        .iter()
        .any(|reserved| stem.eq_ignore_ascii_case(reserved))
}

/// The longest start of `text` of at most `max` bytes that ends on a character boundary.
fn truncate_at_char(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A hash of `bytes` that stays the same from run to run and build to build
/// (FNV-1a, 64 bits, then mixed), so a renamed output keeps its name.
fn stable_hash(bytes: &[u8]) -> u64 {
    const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
    const MIX: u64 = 0xff51_afd7_ed55_8ccd;
    let mut hash = FNV_OFFSET;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(FNV_PRIME);
    }
    (hash ^ (hash >> 33)).wrapping_mul(MIX)
}

/// On a file system that ignores case, the outputs claimed so far in this
/// run, by their case-folded path: a later input whose output differs from
/// an earlier one only by case gets a hashed name instead of overwriting it.
/// Holds two 64-bit hashes per output, and only on such file systems.
#[derive(Debug, Default)]
pub(crate) struct CaseFold {
    /// Hash of the lower-cased path → hash of the path as written.
    claimed: HashMap<u64, u64>,
}

impl CaseFold {
    /// `path`, or, when an earlier output differs from it only by case, a
    /// name with the hash of `path` added before the extension.
    pub(crate) fn claim(&mut self, path: PathBuf) -> PathBuf {
        let exact = stable_hash(path.as_os_str().as_encoded_bytes());
        let folded = stable_hash(path.to_string_lossy().to_lowercase().as_bytes());
        match self.claimed.get(&folded) {
            Some(&earlier) if earlier != exact => {
                let Some(name) = path.file_name() else {
                    return path;
                };
                let renamed = path.with_file_name(insert_mark(&name.to_string_lossy(), exact));
                self.claimed.insert(
                    stable_hash(renamed.to_string_lossy().to_lowercase().as_bytes()),
                    stable_hash(renamed.as_os_str().as_encoded_bytes()),
                );
                renamed
            }
            _ => {
                self.claimed.insert(folded, exact);
                path
            }
        }
    }
}

/// A temporary file in `dir` with ordinary file permissions.
fn temp_file_in(dir: &Path) -> io::Result<NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(OUTPUT_MODE));
    }
    builder.tempfile_in(dir)
}

/// The error records of a run, gathered in a temporary file and renamed to
/// [`ERRORS_FILE`] when the run ends, so the log is never half-written.
#[derive(Debug)]
pub(crate) struct ErrorLog {
    dir: PathBuf,
    temp: Option<io::BufWriter<NamedTempFile>>,
}

impl ErrorLog {
    /// Adds one record (a whole line).
    pub(crate) fn push(&mut self, line: &[u8]) -> io::Result<()> {
        let temp = match &mut self.temp {
            Some(temp) => temp,
            None => self
                .temp
                .insert(io::BufWriter::new(temp_file_in(&self.dir)?)),
        };
        temp.write_all(line)
    }

    /// Puts the log in place; a run without errors removes the log of an earlier run.
    pub(crate) fn finish(self) -> io::Result<()> {
        let target = self.dir.join(ERRORS_FILE);
        match self.temp {
            Some(temp) => {
                let temp = temp.into_inner().map_err(io::IntoInnerError::into_error)?;
                temp.persist(&target).map_err(|e| e.error)?;
                Ok(())
            }
            None => match std::fs::remove_file(&target) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_keep_the_full_name_and_stay_inside() {
        let dir = tempfile::tempdir().expect("temp dir");
        let tree =
            OutTree::create(dir.path(), FileFormat::Json { pretty: true }, false).expect("created");
        let root = tree.root().to_path_buf();
        assert_eq!(
            tree.output_path(Path::new("a/b.html")),
            Some(root.join("a/b.html.json"))
        );
        assert_eq!(
            tree.output_path(Path::new("../../etc/passwd")),
            Some(root.join("etc/passwd.json"))
        );
        assert_eq!(tree.output_path(Path::new("..")), None);
    }

    fn name_of(tree: &OutTree, relative: &str) -> String {
        let path = tree.output_path(Path::new(relative)).expect("a path");
        assert!(path.starts_with(tree.root()), "{}", path.display());
        path.file_name()
            .expect("a name")
            .to_string_lossy()
            .into_owned()
    }

    #[test]
    fn names_are_made_safe_and_stay_apart() {
        let dir = tempfile::tempdir().expect("temp dir");
        let tree =
            OutTree::create(dir.path(), FileFormat::Json { pretty: true }, false).expect("created");
        assert_eq!(name_of(&tree, "console.html"), "console.html.json");
        // Windows device names get a suffix on their stem, in any case and with any extension.
        for reserved in ["CON", "nul.html", "Com1.txt", "LPT9.tar.gz", "aux .md"] {
            let name = name_of(&tree, reserved);
            let stem = name.split('.').next().expect("a stem");
            assert!(!is_windows_reserved(stem), "{reserved} → {name}");
            assert!(name.ends_with(".json") && name.contains('~'), "{name}");
        }
        assert!(name_of(&tree, "nul.html").ends_with(".html.json"));
        // Control characters are replaced.
        let name = name_of(&tree, "a\nb\u{1}.html");
        assert!(
            name.starts_with("a_b_~") && name.ends_with(".html.json"),
            "{name}"
        );
        // Long names are shortened below the file system's limit, and stay apart.
        let long_a = format!("{}a.html", "x".repeat(300));
        let long_b = format!("{}b.html", "x".repeat(300));
        let (a, b) = (name_of(&tree, &long_a), name_of(&tree, &long_b));
        assert!(
            a.len() <= MAX_NAME_BYTES && b.len() <= MAX_NAME_BYTES,
            "{a}"
        );
        assert!(a.ends_with(".html.json") || a.ends_with(".json"));
        assert_ne!(a, b);
        let multibyte = format!("{}.html", "é".repeat(200));
        let name = name_of(&tree, &multibyte);
        assert!(
            name.len() <= MAX_NAME_BYTES && name.ends_with(".json"),
            "{name}"
        );
        let long_ext = format!("a.{}", "y".repeat(400));
        assert!(name_of(&tree, &long_ext).len() <= MAX_NAME_BYTES);
        // The same input always gets the same name.
        assert_eq!(name_of(&tree, &long_a), a);
        // Folders are made safe too, without an extension.
        let path = tree.output_path(Path::new("CON/x.html")).expect("a path");
        let folder = path.parent().and_then(Path::file_name).expect("a folder");
        assert!(folder.to_string_lossy().starts_with("CON~"));
        assert!(!folder.to_string_lossy().ends_with(".json"));
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_are_kept_apart() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let tree =
            OutTree::create(dir.path(), FileFormat::Json { pretty: true }, false).expect("created");
        let a = tree
            .output_path(Path::new(OsStr::from_bytes(b"caf\xe9.html")))
            .expect("a path");
        let b = tree
            .output_path(Path::new(OsStr::from_bytes(b"caf\xe8.html")))
            .expect("a path");
        assert_ne!(a, b);
        assert!(a.to_str().is_some_and(|p| p.ends_with(".html.json")));
    }

    #[test]
    fn names_differing_only_by_case_get_apart_where_case_is_ignored() {
        let mut fold = CaseFold::default();
        let upper = fold.claim(PathBuf::from("out/A.html.json"));
        assert_eq!(upper, PathBuf::from("out/A.html.json"));
        let lower = fold.claim(PathBuf::from("out/a.html.json"));
        let name = lower.file_name().expect("a name").to_string_lossy();
        assert!(
            name.starts_with("a~") && name.ends_with(".html.json"),
            "{name}"
        );
        // The same output again keeps its name (a rerun, or one input).
        assert_eq!(
            fold.claim(PathBuf::from("out/A.html.json")),
            PathBuf::from("out/A.html.json")
        );
        assert_eq!(
            fold.claim(PathBuf::from("out/b.html.json")),
            PathBuf::from("out/b.html.json")
        );
    }

    #[test]
    fn writes_are_whole_and_leave_no_temporary_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let tree =
            OutTree::create(dir.path(), FileFormat::Json { pretty: false }, true).expect("created");
        let path = tree.output_path(Path::new("x/y.txt")).expect("a path");
        assert!(!tree.keeps(&path));
        tree.write(&path, b"{\"a\":1}\n").expect("written");
        assert!(tree.keeps(&path));
        std::fs::write(&path, b"{\"a\":").expect("torn file");
        assert!(!tree.keeps(&path));
        let names: Vec<_> = std::fs::read_dir(path.parent().expect("parent"))
            .expect("listed")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, [OsString::from("y.txt.json")]);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_folder_is_refused() {
        let outside = tempfile::tempdir().expect("temp dir");
        let dir = tempfile::tempdir().expect("temp dir");
        std::os::unix::fs::symlink(outside.path(), dir.path().join("escape")).expect("link");
        let tree = OutTree::create(dir.path(), FileFormat::Json { pretty: false }, false)
            .expect("created");
        let path = tree
            .output_path(Path::new("escape/a.html"))
            .expect("a path");
        assert!(tree.write(&path, b"{}").is_err());
        assert_eq!(
            std::fs::read_dir(outside.path()).expect("listed").count(),
            0
        );
    }
}
