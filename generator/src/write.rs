//! Write: the one primitive that puts generated files on disk, with two modes.
//!
//! [`Mode::Write`] changes only the files whose content changed (so cargo does not rebuild and
//! mtimes of unchanged files stay put), and does it atomically for the whole folder: the new folder
//! is staged beside the old one (unchanged and leftover files hard-linked, so they keep their
//! inode and mtime; changed files written), then swapped in with one `renameat2(RENAME_EXCHANGE)`
//! where the OS has it. An interrupted run leaves the old folder or the new one, whole; a staging
//! folder left by a killed run is removed by the next.
//! [`Mode::Check`] writes nothing and reports every stale file (with a unified diff), every missing
//! file and every leftover file. In both modes a file in the output folder that the generator did
//! not produce is reported as leftover and never deleted: the folder may hold something a person
//! put there.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Write,
    Check,
}

/// What a sync found (and, in write mode, did).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Files whose content differs: path and unified diff (old → new).
    pub stale: Vec<(String, String)>,
    /// Files the generator produces that do not exist yet.
    pub missing: Vec<String>,
    /// Files in the folder the generator does not produce.
    pub leftover: Vec<String>,
    /// Files already up to date.
    pub unchanged: usize,
}

impl Report {
    /// Whether the folder holds exactly what was generated.
    pub fn is_fresh(&self) -> bool {
        self.stale.is_empty() && self.missing.is_empty() && self.leftover.is_empty()
    }

    /// A human summary; in check mode with the diffs, bounded to `max_diff_lines` per file.
    pub fn render(&self, mode: Mode, max_diff_lines: usize) -> String {
        let mut out = String::new();
        let (stale_word, missing_word) = match mode {
            Mode::Check => ("stale", "missing"),
            Mode::Write => ("updated", "created"),
        };
        for (path, diff) in &self.stale {
            let _ = writeln!(out, "{stale_word}: {path}");
            if mode == Mode::Check {
                let lines: Vec<&str> = diff.lines().collect();
                for line in lines.iter().take(max_diff_lines) {
                    let _ = writeln!(out, "    {line}");
                }
                if lines.len() > max_diff_lines {
                    let _ = writeln!(out, "    ... {} more diff lines not shown", lines.len() - max_diff_lines);
                }
            }
        }
        for path in &self.missing {
            let _ = writeln!(out, "{missing_word}: {path}");
        }
        for path in &self.leftover {
            let _ = writeln!(out, "leftover (not generated, left in place): {path}");
        }
        out
    }
}

/// Compares the file at `path` with `content`, into `report` under the name `rel`.
fn compare(report: &mut Report, path: &Path, rel: &str, content: &str) -> io::Result<()> {
    match std::fs::read(path) {
        Ok(old) if old == content.as_bytes() => report.unchanged += 1,
        Ok(old) => {
            let old = String::from_utf8_lossy(&old);
            let diff = similar::TextDiff::from_lines(old.as_ref(), content)
                .unified_diff()
                .context_radius(3)
                .header(&format!("a/{rel}"), &format!("b/{rel}"))
                .to_string();
            report.stale.push((rel.to_owned(), diff));
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => report.missing.push(rel.to_owned()),
        Err(e) => return Err(io::Error::new(e.kind(), format!("{}: {e}", path.display()))),
    }
    Ok(())
}

/// Brings the one file at `path` in line with `content` (write mode: a temporary file beside it,
/// renamed over it, so it is old or new, whole) or reports how far it is (check mode). `shown`
/// names it in the report.
pub fn sync_file(path: &Path, shown: &str, content: &str, mode: Mode) -> io::Result<Report> {
    let mut report = Report::default();
    compare(&mut report, path, shown, content)?;
    if mode == Mode::Write && report.unchanged == 0 {
        replace_file(path, content.as_bytes())?;
    }
    Ok(report)
}

/// Writes `bytes` to `path` through a temporary file renamed over it.
pub fn replace_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "file".into());
    let temp = path.with_file_name(format!(".{name}.apigen-staging"));
    std::fs::write(&temp, bytes)
        .and_then(|()| std::fs::rename(&temp, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&temp);
        })
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))
}

/// Brings `dir` in line with `files` (write mode) or reports how far it is (check mode).
pub fn sync(dir: &Path, files: &BTreeMap<String, String>, mode: Mode) -> io::Result<Report> {
    let mut report = Report::default();
    for (rel, content) in files {
        compare(&mut report, &dir.join(rel), rel, content)?;
    }
    report.leftover = existing_files(dir)?.into_iter().filter(|f| !files.contains_key(f)).collect();
    if mode == Mode::Write && !(report.stale.is_empty() && report.missing.is_empty()) {
        let changed: Vec<&String> = report.stale.iter().map(|(p, _)| p).chain(&report.missing).collect();
        replace_folder(dir, files, &changed)?;
    }
    Ok(report)
}

/// Stages the new folder beside `dir` and swaps it in (see module docs).
fn replace_folder(dir: &Path, files: &BTreeMap<String, String>, changed: &[&String]) -> io::Result<()> {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
    let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let staging = parent.join(format!(".{name}.apigen-staging"));
    if staging.exists() {
        std::fs::remove_dir_all(&staging)?;
    }
    std::fs::create_dir_all(&staging)?;
    let staged = (|| {
        for rel in existing_files(dir)? {
            if changed.contains(&&rel) {
                continue;
            }
            let (from, to) = (dir.join(&rel), staging.join(&rel));
            std::fs::create_dir_all(to.parent().unwrap_or(&staging))?;
            if std::fs::hard_link(&from, &to).is_err() {
                copy_keeping_mtime(&from, &to)?;
            }
        }
        for rel in changed {
            let to = staging.join(rel);
            std::fs::create_dir_all(to.parent().unwrap_or(&staging))?;
            std::fs::write(&to, files[*rel].as_bytes())?;
        }
        Ok(())
    })();
    if let Err(e) = staged {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    if !dir.exists() {
        return std::fs::rename(&staging, dir);
    }
    swap(&staging, dir)?;
    // `staging` now holds the old folder.
    std::fs::remove_dir_all(&staging)
}

fn copy_keeping_mtime(from: &Path, to: &Path) -> io::Result<()> {
    std::fs::copy(from, to)?;
    let modified = std::fs::metadata(from)?.modified()?;
    std::fs::File::options().write(true).open(to)?.set_modified(modified)
}

/// Exchanges two folders atomically where the OS can.
#[cfg(any(target_os = "linux", target_os = "macos"))]
fn swap(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(()),
        // Some file systems lack the exchange: fall back to two renames.
        Err(_) => swap_by_renames(a, b),
    }
}

#[cfg(not(any(target_os = "linux", target_os = "macos")))]
fn swap(a: &Path, b: &Path) -> io::Result<()> {
    swap_by_renames(a, b)
}

/// `b` → `b.old`, `a` → `b`, `b.old` → `a`: not atomic, but never loses either folder.
fn swap_by_renames(a: &Path, b: &Path) -> io::Result<()> {
    let old = b.with_extension("apigen-old");
    std::fs::rename(b, &old)?;
    if let Err(e) = std::fs::rename(a, b) {
        std::fs::rename(&old, b)?;
        return Err(e);
    }
    std::fs::rename(&old, a)
}

/// Every file under `dir` (relative, `/`-separated, sorted); a missing folder has none.
fn existing_files(dir: &Path) -> io::Result<Vec<String>> {
    let mut out = Vec::new();
    let mut todo: Vec<PathBuf> = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let entries = match std::fs::read_dir(&d) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                todo.push(path);
            } else if let Ok(rel) = path.strip_prefix(dir) {
                out.push(rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"));
            }
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("apigen-write-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn write_then_check_is_fresh_and_unchanged_files_are_not_rewritten() {
        let dir = temp_dir("fresh");
        let files: BTreeMap<String, String> =
            [("a.txt".to_string(), "one\n".to_string()), ("src/b.rs".to_string(), "two\n".to_string())].into();
        let first = sync(&dir, &files, Mode::Write).unwrap();
        assert_eq!(first.missing, ["a.txt", "src/b.rs"]);
        let mtime = std::fs::metadata(dir.join("a.txt")).unwrap().modified().unwrap();
        let second = sync(&dir, &files, Mode::Write).unwrap();
        assert!(second.is_fresh());
        assert_eq!(second.unchanged, 2);
        assert_eq!(std::fs::metadata(dir.join("a.txt")).unwrap().modified().unwrap(), mtime);
        assert!(sync(&dir, &files, Mode::Check).unwrap().is_fresh());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn check_reports_stale_missing_and_leftover_and_writes_nothing() {
        let dir = temp_dir("check");
        std::fs::write(dir.join("a.txt"), "old\n").unwrap();
        std::fs::write(dir.join("extra.txt"), "mine\n").unwrap();
        let files: BTreeMap<String, String> =
            [("a.txt".to_string(), "new\n".to_string()), ("b.txt".to_string(), "b\n".to_string())].into();
        let report = sync(&dir, &files, Mode::Check).unwrap();
        assert_eq!(report.stale.len(), 1);
        assert!(report.stale[0].1.contains("-old\n+new\n"), "{}", report.stale[0].1);
        assert_eq!(report.missing, ["b.txt"]);
        assert_eq!(report.leftover, ["extra.txt"]);
        assert_eq!(std::fs::read_to_string(dir.join("a.txt")).unwrap(), "old\n");
        assert!(!dir.join("b.txt").exists());
        // Write mode updates, creates, and keeps the leftover.
        let report = sync(&dir, &files, Mode::Write).unwrap();
        assert_eq!(report.leftover, ["extra.txt"]);
        assert_eq!(std::fs::read_to_string(dir.join("a.txt")).unwrap(), "new\n");
        assert!(dir.join("extra.txt").exists());
        assert!(
            !dir.parent()
                .unwrap()
                .join(format!(".{}.apigen-staging", dir.file_name().unwrap().to_string_lossy()))
                .exists()
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn unchanged_and_leftover_files_keep_their_inode_and_mtime_across_the_swap() {
        use std::os::unix::fs::MetadataExt;
        let dir = temp_dir("swap");
        let files: BTreeMap<String, String> =
            [("same.txt".to_string(), "same\n".to_string()), ("sub/changed.txt".to_string(), "v1\n".to_string())]
                .into();
        sync(&dir, &files, Mode::Write).unwrap();
        std::fs::write(dir.join("mine.txt"), "mine").unwrap();
        let meta = |p: &str| std::fs::metadata(dir.join(p)).unwrap();
        let (same_before, mine_before) = (meta("same.txt"), meta("mine.txt"));
        let mut next = files.clone();
        next.insert("sub/changed.txt".into(), "v2\n".into());
        sync(&dir, &next, Mode::Write).unwrap();
        assert_eq!(std::fs::read_to_string(dir.join("sub/changed.txt")).unwrap(), "v2\n");
        assert_eq!(meta("same.txt").ino(), same_before.ino());
        assert_eq!(meta("same.txt").modified().unwrap(), same_before.modified().unwrap());
        assert_eq!(meta("mine.txt").ino(), mine_before.ino());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_staging_folder_left_by_a_killed_run_is_replaced() {
        let dir = temp_dir("stale-staging");
        let staging =
            dir.parent().unwrap().join(format!(".{}.apigen-staging", dir.file_name().unwrap().to_string_lossy()));
        std::fs::create_dir_all(staging.join("junk")).unwrap();
        let files: BTreeMap<String, String> = [("a.txt".to_string(), "a\n".to_string())].into();
        sync(&dir, &files, Mode::Write).unwrap();
        assert!(!staging.exists());
        assert_eq!(existing_files(&dir).unwrap(), ["a.txt"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn long_diffs_are_bounded() {
        let report =
            Report { stale: vec![("f".into(), (0..50).map(|i| format!("+{i}\n")).collect())], ..Default::default() };
        let text = report.render(Mode::Check, 10);
        assert!(text.contains("... 40 more diff lines not shown"), "{text}");
    }
}
