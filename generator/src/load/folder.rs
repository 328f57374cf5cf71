//! The specs folder walk and the bounded reads of [`super::read_folder`], [`super::read_file`] and
//! [`super::read_file_in`] (the module docs of [`crate::load`] give the rules): regular files only,
//! links followed only to files inside the folder and never to folders, files opened without
//! blocking, checked on the open handle and read up to their limit. The only code in `load` that
//! touches the disk.

use std::collections::BTreeSet;
use std::fs::{File, FileType, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};

use super::{Limits, SPEC_EXTENSIONS, Source, format_size};
use crate::diag::{Diagnostic, Diagnostics, Location};

/// A specs folder as read by [`read_folder`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Folder {
    /// The spec files, sorted by name.
    pub sources: Vec<Source>,
    /// What was skipped rather than refused (links to folders), to be shown as warnings.
    pub skipped: Vec<Diagnostic>,
}

/// Reads every spec file under `dir` with the default [`Limits`], sorted by relative path; what
/// was skipped is left out (see [`read_folder`] for it).
pub fn read_dir(dir: &Path) -> Result<Vec<Source>, Diagnostics> {
    read_folder(dir, &Limits::default()).map(|folder| folder.sources)
}

/// Reads every spec file under `dir`, sorted by relative path (see the module docs for what is
/// read, skipped and refused). Diagnostics name files by their full path (`dir` joined with the
/// file's path inside it); a folder without spec files is an error that names it.
pub fn read_folder(dir: &Path, limits: &Limits) -> Result<Folder, Diagnostics> {
    let at_dir = || Location::new(dir.display().to_string(), "");
    let root = match std::fs::canonicalize(dir) {
        Ok(root) if root.is_dir() => root,
        Ok(_) => return Err(Diagnostic::new(at_dir(), "the specs folder is not a folder").into()),
        Err(e) => return Err(Diagnostic::new(at_dir(), format!("cannot open the specs folder: {e}")).into()),
    };
    let mut walk = Walk { root: &root, limits, found: Vec::new(), errors: Vec::new(), skipped: Vec::new(), ignored: 0 };
    walk.run(dir);
    let Walk { mut found, mut errors, mut skipped, ignored, .. } = walk;
    if found.is_empty() && errors.is_empty() {
        let mut d = Diagnostic::new(at_dir(), "no spec files (.json, .yaml, .yml) in this folder or its subfolders");
        if ignored > 0 {
            d = d.note(format!("{ignored} other file{} were ignored", if ignored == 1 { "" } else { "s" }));
        }
        if !skipped.is_empty() {
            d = d.note(format!("{} links to folders were not followed", skipped.len()));
        }
        errors.push(d);
    }
    let total: u64 = found.iter().map(|f| f.size).fold(0, u64::saturating_add);
    if total > limits.max_total_size {
        errors.push(total_too_large(at_dir(), total, limits.max_total_size));
    }
    if !errors.is_empty() {
        return Err(Diagnostics::new(errors));
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    // Reading hundreds of megabytes is worth both cores.
    let read = crate::exec::parallel(&found, |f| {
        read_regular(&f.path, f.identity, limits.max_file_size)
            .map(|bytes| Source { name: f.name.clone(), bytes })
            .map_err(|message| Diagnostic::new(Location::new(f.path.display().to_string(), ""), message))
    });
    let mut sources = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(source) => sources.push(source),
            Err(d) => errors.push(d),
        }
    }
    // Files that grew after the walk count at their size as read.
    let total: u64 = sources.iter().map(|s| s.bytes.len() as u64).fold(0, u64::saturating_add);
    if total > limits.max_total_size {
        errors.push(total_too_large(at_dir(), total, limits.max_total_size));
    }
    if !errors.is_empty() {
        return Err(Diagnostics::new(errors));
    }
    skipped.sort();
    Ok(Folder { sources, skipped })
}

/// Reads the file at `path`, which the user named: only a regular file (a link to one is fine),
/// at most `limit` bytes. The error is a message to locate at the file.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read file: {e}"))?;
    check_regular(&meta, limit)?;
    read_regular(path, identity(&meta), limit)
}

/// Reads the file at `path` inside `folder` as [`read_file`] does, unless it is a link that leads
/// out of `folder`; `Ok(None)` when there is no such file (a broken link is an error).
pub fn read_file_in(folder: &Path, path: &Path, limit: u64) -> Result<Option<Vec<u8>>, String> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot read file: {e}")),
    };
    if meta.file_type().is_symlink() {
        let root = std::fs::canonicalize(folder).map_err(|e| format!("cannot open the folder of this file: {e}"))?;
        let (real, _) = follow(path)?;
        if !real.starts_with(&root) {
            return Err(outside(path));
        }
    }
    read_file(path, limit).map(Some)
}

/// A spec file the walk found, to be read.
struct Found {
    name: String,
    path: PathBuf,
    identity: Option<Identity>,
    size: u64,
}

struct Walk<'a> {
    /// The specs folder, canonical.
    root: &'a Path,
    limits: &'a Limits,
    found: Vec<Found>,
    errors: Vec<Diagnostic>,
    skipped: Vec<Diagnostic>,
    /// Files not named like specs.
    ignored: usize,
}

impl Walk<'_> {
    /// Walks the real folders under `dir`, never through a link, so it ends: each folder is listed
    /// once (a folder mounted twice is skipped the second time).
    fn run(&mut self, dir: &Path) {
        let mut seen: BTreeSet<Identity> = BTreeSet::new();
        if let Some(id) = std::fs::metadata(dir).ok().as_ref().and_then(identity) {
            seen.insert(id);
        }
        // (the folder's path as given, its path inside the specs folder)
        let mut todo: Vec<(PathBuf, String)> = vec![(dir.to_path_buf(), String::new())];
        while let Some((here, rel)) = todo.pop() {
            let at = || Location::new(here.display().to_string(), "");
            let entries = match std::fs::read_dir(&here) {
                Ok(entries) => entries,
                Err(e) => {
                    self.errors.push(Diagnostic::new(at(), format!("cannot read folder: {e}")));
                    continue;
                }
            };
            for entry in entries {
                let entry = match entry {
                    Ok(entry) => entry,
                    Err(e) => {
                        self.errors.push(Diagnostic::new(at(), format!("cannot list folder: {e}")));
                        continue;
                    }
                };
                let path = entry.path();
                let os_name = entry.file_name();
                let utf8 = os_name.to_str().is_some();
                let file_name = os_name.to_string_lossy();
                let name = if rel.is_empty() { file_name.into_owned() } else { format!("{rel}/{file_name}") };
                // Not followed: this is the entry itself, link or not.
                let meta = match entry.metadata() {
                    Ok(meta) => meta,
                    Err(e) => {
                        self.error(&path, format!("cannot read file: {e}"));
                        continue;
                    }
                };
                // Two names that are not UTF-8 could read the same (`�`): their order, and so the
                // output, would depend on the file system.
                if !utf8 && (meta.is_dir() || meta.file_type().is_symlink() || is_spec(&path)) {
                    self.error(&path, format!("the name {os_name:?} is not valid UTF-8: rename it"));
                    continue;
                }
                if meta.is_dir() {
                    match identity(&meta) {
                        Some(id) if !seen.insert(id) => self.skip(
                            &path,
                            "this folder was already read at another path (mounted twice): not read again",
                        ),
                        _ => todo.push((path, name)),
                    }
                } else if meta.file_type().is_symlink() {
                    self.link(&path, name, &self.root.join(&rel));
                } else if is_spec(&path) {
                    self.file(path, name, &meta);
                } else {
                    self.ignored += 1;
                }
            }
        }
    }

    /// A symbolic link at `path`, in the folder whose canonical path is `here`.
    fn link(&mut self, path: &Path, name: String, here: &Path) {
        let (real, meta) = match follow(path) {
            Ok(followed) => followed,
            // A broken link not named like a spec would not have been read anyway.
            Err(_) if !is_spec(path) => return self.ignored += 1,
            Err(message) => return self.error(path, message),
        };
        let inside = real.starts_with(self.root);
        if meta.is_dir() {
            if !inside {
                return self.error(path, outside(path));
            }
            let target = link_target(path);
            if here.starts_with(&real) {
                self.skip(
                    path,
                    format!("symbolic link to {target} loops back to a folder that holds it: not followed"),
                );
            } else {
                self.skip(
                    path,
                    format!(
                        "symbolic link to {target}, a folder inside the specs folder: not followed (its files are read at their own path)"
                    ),
                );
            }
        } else if !is_spec(path) {
            self.ignored += 1;
        } else if !inside {
            self.error(path, outside(path));
        } else {
            self.file(path.to_path_buf(), name, &meta);
        }
    }

    /// A file named like a spec, with the metadata of what it is (or what its link leads to).
    fn file(&mut self, path: PathBuf, name: String, meta: &Metadata) {
        match check_regular(meta, self.limits.max_file_size) {
            Ok(()) => self.found.push(Found { name, path, identity: identity(meta), size: meta.len() }),
            Err(message) => self.error(&path, message),
        }
    }

    fn error(&mut self, path: &Path, message: String) {
        self.errors.push(Diagnostic::new(Location::new(path.display().to_string(), ""), message));
    }

    fn skip(&mut self, path: &Path, message: impl Into<String>) {
        self.skipped.push(Diagnostic::new(Location::new(path.display().to_string(), ""), message));
    }
}

fn is_spec(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| SPEC_EXTENSIONS.contains(&e))
}

/// Where the link at `path` leads, canonical, and what is there.
fn follow(path: &Path) -> Result<(PathBuf, Metadata), String> {
    let cannot = |e: std::io::Error| format!("symbolic link to {} cannot be followed: {e}", link_target(path));
    let real = std::fs::canonicalize(path).map_err(cannot)?;
    let meta = std::fs::metadata(&real).map_err(cannot)?;
    Ok((real, meta))
}

/// The target of the link at `path`, as written in the link.
fn link_target(path: &Path) -> String {
    std::fs::read_link(path).map_or_else(|_| "?".into(), |t| t.display().to_string())
}

fn outside(path: &Path) -> String {
    format!(
        "symbolic link to {}, outside the specs folder: refused (only files inside the specs folder are read; the folder itself may be a link)",
        link_target(path)
    )
}

/// `Ok` for a regular file within the limit.
fn check_regular(meta: &Metadata, limit: u64) -> Result<(), String> {
    if !meta.is_file() {
        return Err(not_regular(&meta.file_type()));
    }
    if meta.len() > limit {
        return Err(too_large(meta.len(), limit));
    }
    Ok(())
}

fn not_regular(file_type: &FileType) -> String {
    format!("not a regular file ({}): only regular files are read", kind(file_type))
}

#[cfg(unix)]
fn kind(file_type: &FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_fifo() {
        "a FIFO"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_char_device() || file_type.is_block_device() {
        "a device"
    } else if file_type.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn kind(file_type: &FileType) -> &'static str {
    if file_type.is_dir() { "a folder" } else { "a special file" }
}

fn too_large(size: u64, limit: u64) -> String {
    format!(
        "file is {}, over the limit of {} per file (raise it with --max-file-size or `max_file_size` under [limits] in apigen.toml)",
        format_size(size),
        format_size(limit)
    )
}

fn total_too_large(at: Location, total: u64, limit: u64) -> Diagnostic {
    Diagnostic::new(
        at,
        format!(
            "the spec files add up to {}, over the limit of {} in all (raise it with --max-total-size or `max_total_size` under [limits] in apigen.toml)",
            format_size(total),
            format_size(limit)
        ),
    )
}

/// Which file a handle or path is: device and inode, where the OS has them.
type Identity = (u64, u64);

#[cfg(unix)]
fn identity(meta: &Metadata) -> Option<Identity> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(_: &Metadata) -> Option<Identity> {
    None
}

/// Reads the regular file at `path`, which must still be the file `expected` names: opened without
/// blocking, checked on the open handle, read up to `limit` bytes.
fn read_regular(path: &Path, expected: Option<Identity>, limit: u64) -> Result<Vec<u8>, String> {
    let cannot = |e: std::io::Error| format!("cannot read file: {e}");
    let file = open_nonblocking(path).map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    if !meta.is_file() {
        return Err(not_regular(&meta.file_type()));
    }
    if expected.is_some() && identity(&meta) != expected {
        return Err("the file was replaced while the specs were being read".into());
    }
    if meta.len() > limit {
        return Err(too_large(meta.len(), limit));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > limit {
        return Err(format!("file grew past the limit of {} per file while it was being read", format_size(limit)));
    }
    Ok(bytes)
}

/// Opens `path` for reading; a FIFO put there does not block the open.
#[cfg(any(target_os = "linux", target_os = "macos"))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use rustix::fs::{Mode, OFlags};
    let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC | OFlags::NOCTTY;
    Ok(File::from(rustix::fs::open(path, flags, Mode::empty())?))
}

#[cfg(not(any(target_os = "linux", target_os = "macos")))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The open handle is checked: a file replaced after the walk is refused, not read.
    #[cfg(any(target_os = "linux", target_os = "macos"))]
    #[test]
    fn the_opened_file_must_be_the_one_the_walk_saw() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        std::fs::write(&path, "{}").unwrap();
        let seen = identity(&std::fs::metadata(&path).unwrap());
        assert_eq!(read_regular(&path, seen, 10), Ok(b"{}".to_vec()));
        // Swapped for another file, then for a FIFO: opening does not block, the handle says what it is.
        std::fs::write(dir.path().join("b.json"), "{}").unwrap();
        std::fs::rename(dir.path().join("b.json"), &path).unwrap();
        assert_eq!(read_regular(&path, seen, 10).unwrap_err(), "the file was replaced while the specs were being read");
        std::fs::remove_file(&path).unwrap();
        rustix::fs::mknodat(rustix::fs::CWD, &path, rustix::fs::FileType::Fifo, rustix::fs::Mode::RUSR, 0).unwrap();
        assert!(read_regular(&path, seen, 10).unwrap_err().starts_with("not a regular file (a FIFO)"));
    }

    /// At most the limit is read, whatever the size the file reports (procfs reports 0).
    #[cfg(target_os = "linux")]
    #[test]
    fn reading_stops_at_the_limit() {
        let path = Path::new("/proc/self/status");
        assert_eq!(std::fs::metadata(path).unwrap().len(), 0);
        let err = read_regular(path, None, 10).unwrap_err();
        assert_eq!(err, "file grew past the limit of 10 bytes per file while it was being read");
    }
}
