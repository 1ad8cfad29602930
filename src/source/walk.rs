//! Finding the inputs of a batch run: the arguments in the order given, each
//! directory walked lazily and recursively in byte order of its paths.
//!
//! Symbolic links are followed; a link back to one of its own ancestors is
//! reported once as a warning and not followed again. Hidden files and folders
//! (name starting with `.`) are skipped unless asked for. Inside directories,
//! only pages are picked: `.html .htm .xhtml .txt .md`, each also `.gz`
//! compressed — or, with globs, what the globs choose. Files named on the
//! command line are always read, whatever their name.

use std::cmp::Ordering;
use std::path::{Component, Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use walkdir::{DirEntry, WalkDir};

use crate::error::{Error, ErrorKind};

/// File extensions picked inside directories when no glob is given.
pub const PAGE_EXTENSIONS: [&str; 5] = ["html", "htm", "xhtml", "txt", "md"];

/// The extension of gzip-compressed pages (`a.html.gz`).
pub const GZIP_EXTENSION: &str = "gz";

/// The argument that stands for standard input.
pub const STDIN_ARG: &str = "-";

/// Output-relative name of standard input.
const STDIN_NAME: &str = "stdin";

/// Marks a glob that leaves files out rather than picking them.
const GLOB_NEGATION: char = '!';

/// How directories are walked.
#[derive(Clone, Debug, Default)]
pub struct WalkOptions {
    /// Walk hidden files and folders too.
    pub hidden: bool,
    /// Globs matched against a file's path relative to the folder walked.
    /// Without any, the [`PAGE_EXTENSIONS`] (optionally `.gz`) are picked; a
    /// glob starting with `!` leaves matching files out.
    pub globs: Vec<String>,
    /// A folder never walked into (the output folder, when it lies inside an input).
    pub exclude: Option<PathBuf>,
}

/// Which files inside a walked folder are pages.
#[derive(Clone, Debug)]
pub struct Selector {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl Selector {
    /// Compiles the globs; a malformed one is an error message naming it.
    pub fn new(globs: &[String]) -> Result<Self, String> {
        let mut include = GlobSetBuilder::new();
        let mut exclude = GlobSetBuilder::new();
        let (mut includes, mut excludes) = (0, 0);
        for pattern in globs {
            let (builder, count, text) = match pattern.strip_prefix(GLOB_NEGATION) {
                Some(rest) => (&mut exclude, &mut excludes, rest),
                None => (&mut include, &mut includes, pattern.as_str()),
            };
            let glob = Glob::new(text).map_err(|e| format!("bad glob {pattern:?}: {e}"))?;
            builder.add(glob);
            *count += 1;
        }
        let build = |builder: GlobSetBuilder, count: usize| -> Result<Option<GlobSet>, String> {
            if count == 0 {
                return Ok(None);
            }
            builder
                .build()
                .map(Some)
                .map_err(|e| format!("bad glob: {e}"))
        };
        Ok(Selector {
            include: build(include, includes)?,
            exclude: build(exclude, excludes)?,
        })
    }

    /// Whether the file at `relative` (to the folder walked) is a page to clean.
    pub fn selects(&self, relative: &Path) -> bool {
        let included = match &self.include {
            Some(set) => set.is_match(relative),
            None => has_page_extension(relative),
        };
        included
            && !self
                .exclude
                .as_ref()
                .is_some_and(|set| set.is_match(relative))
    }
}

/// Whether `path` ends in one of the [`PAGE_EXTENSIONS`], optionally followed
/// by `.gz` (case-insensitive).
pub fn has_page_extension(path: &Path) -> bool {
    let stem_ext = |p: &Path| {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| PAGE_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
    };
    if is_gzip(path) {
        path.file_stem()
            .is_some_and(|stem| stem_ext(Path::new(stem)))
    } else {
        stem_ext(path)
    }
}

/// Whether `path` names a gzip-compressed file (`.gz`, case-insensitive).
pub fn is_gzip(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(GZIP_EXTENSION))
}

/// One thing a walk found.
#[derive(Clone, Debug)]
pub enum Found {
    /// A page to read.
    Page {
        /// The path to read, as the walk reached it (the argument joined with the names below it).
        path: PathBuf,
        /// Its path relative to the folder it was found under (a file given
        /// directly: its file name); only normal components.
        relative: PathBuf,
        /// The folder argument it was found under; `None` for a file given directly.
        root: Option<PathBuf>,
        /// Which argument (counted from 0) it came from.
        arg: usize,
    },
    /// Standard input (the argument `-`).
    Stdin,
    /// A page (or a folder that may hold pages) that cannot be read.
    Failed(Error),
    /// Something worth saying that is not a failure (a symbolic-link loop skipped).
    Warning {
        /// The path concerned.
        path: PathBuf,
        /// What happened.
        message: String,
    },
}

impl Found {
    /// The output-relative name of what was found: only normal path
    /// components, so that joining it to a folder never leaves that folder.
    pub fn relative(&self) -> Option<&Path> {
        match self {
            Found::Page { relative, .. } => Some(relative),
            Found::Stdin => Some(Path::new(STDIN_NAME)),
            Found::Failed(_) | Found::Warning { .. } => None,
        }
    }
}

/// Keeps only the normal components of `path` (no root, `.` or `..`).
pub fn sanitize(path: &Path) -> PathBuf {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part),
            _ => None,
        })
        .collect()
}

/// A lazy walk over the arguments of a batch run, in order.
pub struct Walk {
    args: std::iter::Enumerate<std::vec::IntoIter<String>>,
    /// Index of the argument under way.
    arg: usize,
    current: Option<(PathBuf, walkdir::IntoIter)>,
    selector: Selector,
    options: WalkOptions,
}

impl Walk {
    /// Starts a walk over `args` (files, folders, or `-` for stdin).
    pub fn new(args: Vec<String>, options: WalkOptions) -> Result<Self, String> {
        Ok(Walk {
            args: args.into_iter().enumerate(),
            arg: 0,
            current: None,
            selector: Selector::new(&options.globs)?,
            options,
        })
    }

    /// Turns one argument into what it stands for, starting a directory walk if it is a folder.
    fn start(&mut self, arg: String) -> Option<Found> {
        if arg == STDIN_ARG {
            return Some(Found::Stdin);
        }
        let path = PathBuf::from(arg);
        if path.is_dir() {
            let walk = WalkDir::new(&path)
                .follow_links(true)
                .sort_by(compare_in_path_order)
                .into_iter();
            self.current = Some((path, walk));
            return None;
        }
        let relative = path
            .file_name()
            .map(PathBuf::from)
            .unwrap_or_else(|| sanitize(&path));
        Some(Found::Page {
            path,
            relative,
            root: None,
            arg: self.arg,
        })
    }

    /// The next thing found in the directory walk under way, if any.
    fn next_walked(&mut self) -> Option<Found> {
        let (root, walk) = self.current.as_mut()?;
        loop {
            let entry = match walk.next() {
                None => {
                    self.current = None;
                    return None;
                }
                Some(Ok(entry)) => entry,
                Some(Err(err)) => {
                    if let Some(found) = walk_error(root, &err, &self.selector, self.options.hidden)
                    {
                        return Some(found);
                    }
                    continue;
                }
            };
            if entry.depth() == 0 {
                continue;
            }
            if !self.options.hidden && is_hidden(&entry) {
                if entry.file_type().is_dir() {
                    walk.skip_current_dir();
                }
                continue;
            }
            let relative = relative_to(root, entry.path());
            if entry.file_type().is_dir() {
                if is_excluded(self.options.exclude.as_deref(), entry.path()) {
                    walk.skip_current_dir();
                }
                continue;
            }
            if !self.selector.selects(&relative) {
                continue;
            }
            let path = entry.into_path();
            if std::fs::metadata(&path).is_ok_and(|m| !m.is_file()) {
                let origin = path.display().to_string();
                return Some(Found::Failed(Error::new(
                    origin,
                    ErrorKind::Unreadable,
                    "not a regular file (a socket, pipe or device)",
                )));
            }
            return Some(Found::Page {
                path,
                relative,
                root: Some(root.clone()),
                arg: self.arg,
            });
        }
    }
}

/// Whether `dir` is the folder never walked into.
fn is_excluded(exclude: Option<&Path>, dir: &Path) -> bool {
    exclude.is_some_and(|ex| dir.canonicalize().is_ok_and(|c| c == ex))
}

impl Iterator for Walk {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        loop {
            if self.current.is_some() {
                if let Some(found) = self.next_walked() {
                    return Some(found);
                }
                continue;
            }
            let (index, arg) = self.args.next()?;
            self.arg = index;
            if let Some(found) = self.start(arg) {
                return Some(found);
            }
        }
    }
}

/// What a walk error means: a loop is a warning; a folder that cannot be
/// read, or a page-named entry that cannot be reached, is a failure;
/// anything else (a dangling link with no page name) is a warning.
fn walk_error(
    root: &Path,
    err: &walkdir::Error,
    selector: &Selector,
    hidden: bool,
) -> Option<Found> {
    let path = err
        .path()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| root.to_path_buf());
    if !hidden && err.depth() > 0 && path.file_name().is_some_and(starts_with_dot) {
        return None;
    }
    if let Some(ancestor) = err.loop_ancestor() {
        return Some(Found::Warning {
            message: format!(
                "symbolic link loop back to {}; not followed again",
                ancestor.display()
            ),
            path,
        });
    }
    let io = err.io_error();
    let is_dir = std::fs::metadata(&path).is_ok_and(|m| m.is_dir());
    let relative = relative_to(root, &path);
    if is_dir || selector.selects(&relative) {
        let (kind, message) = match io.map(std::io::Error::kind) {
            Some(std::io::ErrorKind::NotFound) => (
                ErrorKind::NotFound,
                "no such file (a dangling link?)".to_string(),
            ),
            Some(std::io::ErrorKind::PermissionDenied) => {
                (ErrorKind::Unreadable, "permission denied".to_string())
            }
            _ => (
                ErrorKind::Unreadable,
                io.map_or_else(|| err.to_string(), ToString::to_string),
            ),
        };
        return Some(Found::Failed(Error::new(
            path.display().to_string(),
            kind,
            message,
        )));
    }
    Some(Found::Warning {
        message: format!(
            "skipped: {}",
            io.map_or_else(|| err.to_string(), ToString::to_string)
        ),
        path,
    })
}

/// `path` relative to `root`, normal components only.
fn relative_to(root: &Path, path: &Path) -> PathBuf {
    sanitize(path.strip_prefix(root).unwrap_or(path))
}

fn is_hidden(entry: &DirEntry) -> bool {
    starts_with_dot(entry.file_name())
}

fn starts_with_dot(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// Orders the entries of one folder so that a depth-first walk yields paths
/// in byte order: a folder sorts as its name followed by `/`, which is where
/// every path below it sorts.
fn compare_in_path_order(a: &DirEntry, b: &DirEntry) -> Ordering {
    let key = |e: &DirEntry| {
        let slash: &[u8] = if is_dir_entry(e) { b"/" } else { b"" };
        e.file_name()
            .as_encoded_bytes()
            .iter()
            .chain(slash)
            .copied()
            .collect::<Vec<u8>>()
    };
    key(a).cmp(&key(b))
}

/// Whether the entry is a folder, following a symbolic link.
fn is_dir_entry(e: &DirEntry) -> bool {
    e.file_type().is_dir() || (e.path_is_symlink() && e.path().is_dir())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_extensions_with_and_without_gzip() {
        for name in [
            "a.html",
            "b.HTM",
            "c.xhtml",
            "d.txt",
            "e.md",
            "f.html.gz",
            "g.TXT.GZ",
        ] {
            assert!(has_page_extension(Path::new(name)), "{name}");
        }
        for name in ["a.json", "b.gz", "c.tar.gz", "html", "d.html.bz2"] {
            assert!(!has_page_extension(Path::new(name)), "{name}");
        }
    }

    #[test]
    fn globs_choose_and_negated_globs_leave_out() {
        let s = Selector::new(&["*.json".into(), "!drafts/**".into()]).expect("valid");
        assert!(s.selects(Path::new("a/b.json")));
        assert!(!s.selects(Path::new("a/b.html")));
        assert!(!s.selects(Path::new("drafts/b.json")));
        let s = Selector::new(&["!old/**".into()]).expect("valid");
        assert!(s.selects(Path::new("new/a.html")));
        assert!(!s.selects(Path::new("old/a.html")));
        assert!(Selector::new(&["a[".into()]).is_err());
    }

    #[test]
    fn sanitize_keeps_only_normal_components() {
        assert_eq!(
            sanitize(Path::new("/a/../b/./c.html")),
            PathBuf::from("a/b/c.html")
        );
        assert_eq!(sanitize(Path::new("..")), PathBuf::new());
    }
}
