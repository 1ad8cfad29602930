//! Running the unchrome binary under GNU `time -v` (batch-bench,
//! fetch-bench, hostile): finding both programs and reading the figures
//! `time -v` prints.

use std::path::{Path, PathBuf};

use anyhow::bail;

/// GNU time, which reports the peak resident set size of the command it runs.
pub(crate) const TIME_BINARY: &str = "/usr/bin/time";

/// The line of `time -v` output with the peak resident set size.
pub(crate) const MAX_RSS_FIELD: &str = "Maximum resident set size (kbytes):";

/// KiB in a MiB.
pub(crate) const KIB_PER_MIB: f64 = 1024.0;

/// The unchrome binary to measure (`--binary`, else the one beside
/// unchrome-eval), once GNU time and that binary are known to exist.
pub(crate) fn unchrome_binary(given: Option<&PathBuf>) -> anyhow::Result<PathBuf> {
    if !Path::new(TIME_BINARY).is_file() {
        bail!("{TIME_BINARY} not found: install GNU time (Debian: apt-get install time)");
    }
    let binary = match given {
        Some(path) => path.clone(),
        None => std::env::current_exe()?.with_file_name("unchrome"),
    };
    if !binary.is_file() {
        bail!(
            "{}: no unchrome binary (build it, or give --binary)",
            binary.display()
        );
    }
    Ok(binary)
}

/// The value of one `time -v` line ("Maximum resident set size (kbytes): 123" → "123").
pub(crate) fn field<'a>(stderr: &'a str, name: &str) -> Option<&'a str> {
    stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix(name))
        .map(str::trim)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_from_time_output() {
        let stderr = "\tUser time (seconds): 1.50\n\tMaximum resident set size (kbytes): 48312\n";
        assert_eq!(field(stderr, MAX_RSS_FIELD), Some("48312"));
        assert_eq!(field(stderr, "User time (seconds):"), Some("1.50"));
        assert_eq!(field(stderr, "Elapsed"), None);
    }
}
