//! The output folder of a batch run: where each input's output goes, atomic
//! writes (a temporary file in the same folder, then a rename), the
//! `--skip-existing` check, and the `_errors.jsonl` log.

use std::ffi::OsString;
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
}

impl OutTree {
    /// Creates the folder if needed.
    pub(crate) fn create(dir: &Path, format: FileFormat, skip_existing: bool) -> io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        Ok(OutTree {
            root: dir.canonicalize()?,
            format,
            skip_existing,
        })
    }

    /// The folder, canonical.
    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    /// Where the output of the input at `relative` goes: the full input name
    /// with the format's extension added (`a.html` → `a.html.json`), below
    /// the folder; `None` when `relative` has no normal component.
    pub(crate) fn output_path(&self, relative: &Path) -> Option<PathBuf> {
        let clean = sanitize(relative);
        if clean.as_os_str().is_empty() {
            return None;
        }
        let mut name = OsString::from(clean);
        name.push(".");
        name.push(self.format.extension());
        Some(self.root.join(name))
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
