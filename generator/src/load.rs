//! Load: spec files on disk → parsed JSON values.
//!
//! [`read_folder`] walks a specs folder (subfolders included), keeps `.json`, `.yaml` and `.yml`
//! files and returns them sorted by their relative path, so the order never depends on the file
//! system. The folder is untrusted data, so the walk reads only what it can finish reading:
//!
//! - only regular files: a FIFO, socket or device named like a spec is refused without being
//!   opened; other files are ignored unopened;
//! - nothing outside the folder: a symbolic link is followed only to a file inside the folder (the
//!   folder itself may be a link); a link that leads outside is refused with its target;
//! - no folder twice: a link to a folder is never followed (inside the folder, its files are read at
//!   their own path anyway), and reported as skipped, so loops and fan-out cannot multiply the walk;
//! - bounded: a file over [`Limits::max_file_size`], or a folder over [`Limits::max_total_size`]
//!   in all, is refused with its size.
//!
//! A file is opened without blocking (so a FIFO swapped in after the walk cannot hang the open),
//! the opened handle is checked to be the regular file the walk saw, and at most the limit plus one
//! byte is read, so a file that grows meanwhile cannot blow memory. [`read_file`] reads one named
//! file (config, drift base, import page) the same way. These are the only functions here that
//! touch the disk.
//!
//! [`parse`] is pure: bytes → `serde_json::Value` (YAML is read into the same JSON data model), or a
//! diagnostic with line and column. A key written twice in one object is such a diagnostic too,
//! naming both places (see `strict`), never a silent choice of one. [`parse_for_merge`] parses many
//! files at once, in parallel, and does not parse again what an earlier file already said in the
//! same bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{File, FileType, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::diag::{Diagnostic, Diagnostics, Location, line_col};

mod strict;

use self::strict::Reader;

/// One input file: its path relative to the specs folder (with `/` separators) and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Source {
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Source { name: name.into(), bytes: bytes.into() }
    }
}

/// The file extensions read as specs.
pub const SPEC_EXTENSIONS: [&str; 3] = ["json", "yaml", "yml"];

const KIB: u64 = 1 << 10;
const MIB: u64 = 1 << 20;
const GIB: u64 = 1 << 30;

/// How much is read from disk at most.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest file read, in bytes: a spec, the config, a drift base or an import page.
    pub max_file_size: u64,
    /// The most read from one specs folder, all its spec files together, in bytes.
    pub max_total_size: u64,
}

impl Limits {
    /// 256 MiB: far above any real spec file (the largest public ones are tens of MiB).
    pub const DEFAULT_MAX_FILE_SIZE: u64 = 256 * MIB;
    /// 2 GiB: nearly three times the largest folder benchmarked (730 MB in 1,223 files).
    pub const DEFAULT_MAX_TOTAL_SIZE: u64 = 2 * GIB;
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_file_size: Self::DEFAULT_MAX_FILE_SIZE, max_total_size: Self::DEFAULT_MAX_TOTAL_SIZE }
    }
}

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

/// A size for people: `256 MiB`, `1.5 KiB (1536 bytes)`, `100 bytes`.
pub fn format_size(n: u64) -> String {
    for (unit, name) in [(GIB, "GiB"), (MIB, "MiB"), (KIB, "KiB")] {
        if n >= unit {
            let (whole, rest) = (n / unit, n % unit);
            return if rest == 0 {
                format!("{whole} {name}")
            } else {
                format!("{whole}.{} {name} ({n} bytes)", rest * 10 / unit)
            };
        }
    }
    format!("{n} byte{}", if n == 1 { "" } else { "s" })
}

/// Parses a size: a number of bytes, or a number with a binary unit (`512KiB`, `256 MiB`, `2GiB`;
/// `K`, `M` and `G` mean the same), case-insensitive.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let digits = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let number: u64 = number.parse().map_err(|_| format!("`{text}` is not a size (e.g. 1048576, 512KiB, 256MiB)"))?;
    let scale = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" => KIB,
        "m" | "mib" => MIB,
        "g" | "gib" => GIB,
        other => return Err(format!("unknown size unit `{other}` (use B, KiB, MiB or GiB)")),
    };
    number.checked_mul(scale).ok_or_else(|| format!("`{text}` is too large"))
}

/// Parses one source as JSON (`.json`) or YAML (anything else).
pub fn parse(source: &Source) -> Result<Value, Diagnostic> {
    let at =
        |line_col: Option<(usize, usize)>| Location { file: source.name.clone(), pointer: String::new(), line_col };
    let text = std::str::from_utf8(&source.bytes).map_err(|e| {
        let offset = e.valid_up_to();
        Diagnostic::new(at(Some(line_col(&source.bytes, offset))), format!("file is not valid UTF-8 (byte {offset})"))
    })?;
    if text.trim().is_empty() {
        return Err(Diagnostic::new(at(None), "file is empty"));
    }
    if source.name.ends_with(".json") {
        let read = |reader: Reader<'_>| {
            let mut de = serde_json::Deserializer::from_str(text);
            strict::read(reader, &mut de).and_then(|v| de.end().map(|()| v).map_err(|e| (e, None)))
        };
        let position = |e: &serde_json::Error| json_position(text, (e.line(), e.column()));
        parse_with(source, "JSON", read, position, |e| json_key_start(text, (e.line(), e.column())))
    } else {
        let read = |reader: Reader<'_>| strict::read(reader, serde_yaml::Deserializer::from_str(text));
        let position = |e: &serde_yaml::Error| e.location().map(|l| (l.line(), l.column()));
        parse_with(source, "YAML", read, position, position)
    }
}

/// Parses a source with `read` (JSON or YAML, as `format` names it); `position` gives where an
/// error is, and `key_start` where the key is written that a [`Reader::Find`] read stopped at.
fn parse_with<E: std::fmt::Display>(
    source: &Source,
    format: &str,
    read: impl Fn(Reader<'_>) -> Result<Value, (E, Option<strict::Duplicate>)>,
    position: impl Fn(&E) -> Option<(usize, usize)>,
    key_start: impl Fn(&E) -> Option<(usize, usize)>,
) -> Result<Value, Diagnostic> {
    read(Reader::Check).map_err(|(e, duplicate)| match duplicate {
        Some(dup) => {
            let at = |nth| {
                let find = Reader::Find { parent: parent_of(&dup.pointer), key: &dup.key, nth };
                read(find).err().and_then(|(e, _)| key_start(&e))
            };
            duplicate_key(source, &dup, at(1), at(0))
        }
        None => Diagnostic::new(
            Location { file: source.name.clone(), pointer: String::new(), line_col: position(&e) },
            format!("invalid {format}: {}", strip_position(&e.to_string())),
        ),
    })
}

/// The pointer of the object a member pointer is in: `/a/b` → `/a`.
fn parent_of(pointer: &str) -> &str {
    pointer.rsplit_once('/').map_or("", |(parent, _)| parent)
}

/// A key written twice in one object, at both places.
fn duplicate_key(
    source: &Source,
    dup: &strict::Duplicate,
    second: Option<(usize, usize)>,
    first: Option<(usize, usize)>,
) -> Diagnostic {
    let at = |line_col| Location { file: source.name.clone(), pointer: dup.pointer.clone(), line_col };
    Diagnostic::new(at(second), format!("duplicate key {:?}: the object already has a member of that name", dup.key))
        .note_at("first defined here", at(first))
        .note("help: keep one of them; JSON and YAML readers disagree on which of two equal keys wins")
}

/// The byte offset where 1-based line `line` of `bytes` starts.
fn line_start(bytes: &[u8], line: usize) -> Option<usize> {
    if line <= 1 {
        return Some(0);
    }
    bytes.iter().enumerate().filter(|(_, b)| **b == b'\n').nth(line - 2).map(|(i, _)| i + 1)
}

/// The position serde_json gives an error (a line, and a column in bytes: the byte it stopped
/// after, or 0 at the start of a line) with the column in characters; `None` when it gave none.
fn json_position(text: &str, (line, col): (usize, usize)) -> Option<(usize, usize)> {
    if line == 0 {
        return None;
    }
    match col.checked_sub(1) {
        None => Some((line, 0)),
        Some(last) => Some(line_col(text.as_bytes(), line_start(text.as_bytes(), line)? + last)),
    }
}

/// Where a JSON object key starts, given the position serde_json reports for an error raised
/// while reading it (its closing quote, or the whitespace after it).
fn json_key_start(text: &str, (line, col): (usize, usize)) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let end = (line_start(bytes, line)? + col).min(bytes.len());
    let unescaped_quote = |i: &usize| {
        bytes.get(*i) == Some(&b'"') && bytes[..*i].iter().rev().take_while(|b| **b == b'\\').count() % 2 == 0
    };
    let close = (0..end).rev().find(unescaped_quote)?;
    let open = (0..close).rev().find(unescaped_quote)?;
    Some(line_col(bytes, open))
}

/// Parses `sources` (in merge order) for [`crate::merge`], in parallel, leaving out what the merge
/// would drop anyway.
///
/// Per-operation documents repeat their shared parts in every file: `info`, `tags`, `servers`,
/// extensions, and every component the operation reaches. Merging keeps the first of identical
/// copies, so a top-level member, or a component (`/components/{section}/{name}`), whose raw JSON
/// text is byte for byte the one an earlier file has, is only scanned, never parsed, and is left
/// out of its file's value. `openapi`, `security` and `paths` are always kept (the merge reads them
/// per file), YAML and OpenAPI 3.1 files are parsed whole (3.1 normalisation reads the whole
/// document), and a file that does not scan as a JSON object is parsed whole for its diagnostic.
///
/// The result is what [`parse`] gives, minus those repeats; merging it gives the same document.
pub fn parse_for_merge(sources: &[&Source]) -> Vec<Result<Value, Diagnostic>> {
    let scanned: Vec<Scanned<'_>> = crate::exec::parallel(sources, |s| scan(s));
    // Which parts to parse: decided in file order, so the result never depends on timing.
    let mut seen: BTreeMap<&[String], Vec<&str>> = BTreeMap::new();
    let mut keep: Vec<Vec<bool>> = Vec::with_capacity(scanned.len());
    for file in &scanned {
        let Scanned::Members { parts, dedupe } = file else {
            keep.push(Vec::new());
            continue;
        };
        keep.push(
            parts
                .iter()
                .map(|(path, raw)| {
                    if !dedupe || matches!(path[0].as_str(), "openapi" | "security" | "paths") {
                        return true;
                    }
                    let texts = seen.entry(path.as_slice()).or_default();
                    let new = !texts.contains(&raw.get());
                    if new {
                        texts.push(raw.get());
                    }
                    new
                })
                .collect(),
        );
    }
    let jobs: Vec<(&Source, Scanned<'_>, Vec<bool>)> =
        sources.iter().copied().zip(scanned).zip(keep).map(|((s, f), k)| (s, f, k)).collect();
    crate::exec::parallel(&jobs, |(source, scanned, keep)| match scanned {
        Scanned::Whole => parse(source),
        Scanned::Members { parts, .. } => {
            let mut doc = Map::new();
            for ((path, raw), _) in parts.iter().zip(keep).filter(|(_, k)| **k) {
                let value = strict::read(Reader::Check, &mut serde_json::Deserializer::from_str(raw.get()));
                let value = value.map_err(|_| {
                    // A key written twice (the scan accepted the syntax): parsing whole says where.
                    parse(source)
                        .err()
                        .unwrap_or_else(|| Diagnostic::new(Location::new(&source.name, ""), "unreadable"))
                })?;
                insert_at(&mut doc, path, value);
            }
            Ok(Value::Object(doc))
        }
    })
}

/// A file as scanned: its parts (top-level members; components one entry each) as raw JSON text.
enum Scanned<'a> {
    Members {
        parts: Vec<(Vec<String>, &'a RawValue)>,
        dedupe: bool,
    },
    /// Not a JSON object that scans: parsed whole.
    Whole,
}

/// A JSON object's members as raw text, in order; a key written twice fails the read.
struct RawMap<'a>(indexmap::IndexMap<String, &'a RawValue>);

impl<'de: 'a, 'a> serde::Deserialize<'de> for RawMap<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        struct Members<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Members<'a> {
            type Value = RawMap<'a>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut access: A) -> Result<RawMap<'a>, A::Error> {
                let mut map = indexmap::IndexMap::new();
                while let Some(key) = access.next_key::<String>()? {
                    match map.entry(key) {
                        indexmap::map::Entry::Occupied(e) => {
                            return Err(serde::de::Error::custom(format!("duplicate key {:?}", e.key())));
                        }
                        indexmap::map::Entry::Vacant(e) => {
                            e.insert(access.next_value()?);
                        }
                    }
                }
                Ok(RawMap(map))
            }
        }
        de.deserialize_map(Members(std::marker::PhantomData))
    }
}

fn scan(source: &Source) -> Scanned<'_> {
    if !source.name.ends_with(".json") {
        return Scanned::Whole;
    }
    let Ok(top) = serde_json::from_slice::<RawMap<'_>>(&source.bytes) else {
        return Scanned::Whole;
    };
    let version: Option<String> = top.0.get("openapi").and_then(|raw| serde_json::from_str(raw.get()).ok());
    let dedupe = !version.as_deref().is_some_and(crate::normalize::is_31);
    let mut parts = Vec::with_capacity(top.0.len());
    for (key, raw) in top.0 {
        let sections = (key == "components").then(|| serde_json::from_str::<RawMap<'_>>(raw.get()).ok()).flatten();
        let Some(RawMap(sections)) = sections else {
            parts.push((vec![key], raw));
            continue;
        };
        if sections.is_empty() {
            parts.push((vec![key.clone()], raw));
        }
        for (section, raw) in sections {
            match serde_json::from_str::<RawMap<'_>>(raw.get()) {
                Ok(RawMap(entries)) if !entries.is_empty() => {
                    parts.extend(entries.into_iter().map(|(name, raw)| (vec![key.clone(), section.clone(), name], raw)))
                }
                _ => parts.push((vec![key.clone(), section], raw)),
            }
        }
    }
    Scanned::Members { parts, dedupe }
}

/// Inserts `value` at `path` (one to three keys), making the objects on the way.
fn insert_at(doc: &mut Map<String, Value>, path: &[String], value: Value) {
    let (last, parents) = path.split_last().expect("a part has a path");
    let mut map = doc;
    for key in parents {
        let slot = map.entry(key.clone()).or_insert_with(|| Value::Object(Map::new()));
        map = slot.as_object_mut().expect("parents are objects: the scan read them as objects");
    }
    map.insert(last.clone(), value);
}

/// serde_json and serde_yaml append " at line X column Y" to their messages; the location already says it.
fn strip_position(msg: &str) -> &str {
    msg.find(" at line ").map_or(msg, |i| &msg[..i])
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn json_source(name: &str, value: Value) -> Source {
        Source::new(name, serde_json::to_vec(&value).unwrap())
    }

    #[test]
    fn sizes_parse_and_print() {
        assert_eq!(parse_size("100"), Ok(100));
        assert_eq!(parse_size(" 512 KiB "), Ok(512 << 10));
        assert_eq!(parse_size("256mib"), Ok(256 << 20));
        assert_eq!(parse_size("2G"), Ok(2 << 30));
        assert!(parse_size("1.5 MiB").is_err());
        assert!(parse_size("-1").is_err());
        assert!(parse_size("99999999999999 GiB").unwrap_err().contains("too large"));
        assert_eq!(format_size(1), "1 byte");
        assert_eq!(format_size(256 << 20), "256 MiB");
        assert_eq!(format_size(1536), "1.5 KiB (1536 bytes)");
    }

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

    #[test]
    fn repeated_parts_are_left_out_of_later_files_only() {
        let shared = json!({"type": "object", "properties": {"id": {"type": "string"}}});
        let a = json_source(
            "a.json",
            json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "security": [],
                   "paths": {"/a": {}}, "components": {"schemas": {"X": shared, "Y": {"type": "string"}}}}),
        );
        let b = json_source(
            "b.json",
            json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "security": [],
                   "paths": {"/a": {}}, "components": {"schemas": {"X": shared, "Y": {"type": "integer"}}}}),
        );
        let parsed: Vec<Value> = parse_for_merge(&[&a, &b]).into_iter().map(Result::unwrap).collect();
        assert_eq!(parsed[0], parse(&a).unwrap());
        // `info` and the identical `X` are left out; a different `Y` is kept for the merge to judge,
        // and `openapi`, `security` and `paths` always stay.
        assert_eq!(
            parsed[1],
            json!({"openapi": "3.0.3", "security": [], "paths": {"/a": {}}, "components": {"schemas": {"Y": {"type": "integer"}}}})
        );
    }

    #[test]
    fn yaml_31_and_non_object_files_are_parsed_whole() {
        let doc = json!({"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}});
        let a = json_source("a.json", doc.clone());
        let b = json_source("b.json", doc.clone());
        let c = Source::new("c.yaml", "openapi: 3.0.0\ninfo: {title: t, version: '1'}\n");
        let d = Source::new("d.json", "[1]");
        let e = Source::new("e.json", "{\"openapi\": ");
        let parsed = parse_for_merge(&[&a, &b, &c, &d, &e]);
        assert_eq!(parsed[1].as_ref().unwrap(), &doc);
        assert_eq!(parsed[2].as_ref().unwrap()["info"]["title"], "t");
        assert_eq!(parsed[3].as_ref().unwrap(), &json!([1]));
        assert_eq!(parsed[4].as_ref().unwrap_err(), &parse(&e).unwrap_err());
    }

    #[test]
    fn json_syntax_error_has_line_and_column() {
        let d = parse(&Source::new("x.json", "{\n  \"a\": ,\n}")).unwrap_err();
        assert_eq!(d.location.line_col, Some((2, 8)));
        assert!(d.message.starts_with("invalid JSON: expected value"), "{}", d.message);
    }

    #[test]
    fn columns_count_characters_in_json_and_yaml_alike() {
        let col = |name: &str, text: &[u8]| parse(&Source::new(name, text.to_vec())).unwrap_err().location.line_col;
        assert_eq!(col("x.json", "{\"é\": ,}".as_bytes()), Some((1, 7)));
        assert_eq!(col("x.json", "{\"é\": 1, \"é\": 2}".as_bytes()), Some((1, 10)));
        let d = parse(&Source::new("x.json", "{\"é\": 1, \"é\": 2}")).unwrap_err();
        assert_eq!(d.notes[0].location.as_ref().unwrap().line_col, Some((1, 2)));
        assert_eq!(col("x.yaml", "{é: 1, é: 2}".as_bytes()), Some((1, 8)));
        assert_eq!(col("x.json", b"{\"\xc3\xa9\xff"), Some((1, 4)));
        assert_eq!(col("x.json", "{\n  \"é\": 1,\n".as_bytes()), Some((3, 0)));
    }

    #[test]
    fn a_key_written_twice_is_located_at_both_places() {
        let text = "{\n  \"paths\": {\n    \"/a\": {\"get\": 1,\n      \"g\\u0065t\" : 2}\n  }\n}";
        let d = parse(&Source::new("x.json", text)).unwrap_err();
        assert_eq!(
            d.location,
            Location { file: "x.json".into(), pointer: "/paths/~1a/get".into(), line_col: Some((4, 7)) }
        );
        assert_eq!(d.notes[0].location.as_ref().unwrap().line_col, Some((3, 12)));
        assert!(d.message.starts_with("duplicate key \"get\""), "{}", d.message);

        let d = parse(&Source::new("x.yaml", "paths:\n  /a:\n    get: 1\n    'get': 2\n")).unwrap_err();
        assert_eq!(
            d.location,
            Location { file: "x.yaml".into(), pointer: "/paths/~1a/get".into(), line_col: Some((4, 5)) }
        );
        assert_eq!(d.notes[0].location.as_ref().unwrap().line_col, Some((3, 5)));
    }

    #[test]
    fn the_fast_path_finds_keys_written_twice_at_every_level() {
        let texts = [
            r#"{"openapi": "3.0.3", "openapi": "3.0.3", "paths": {}}"#,
            r#"{"openapi": "3.0.3", "paths": {}, "components": {}, "components": {}}"#,
            r#"{"openapi": "3.0.3", "paths": {}, "components": {"schemas": {}, "schemas": {}}}"#,
            r#"{"openapi": "3.0.3", "paths": {}, "components": {"schemas": {"A": {}, "A": {}}}}"#,
            r#"{"openapi": "3.0.3", "paths": {}, "components": {"schemas": {"A": {"type": "object", "type": "object"}}}}"#,
            r#"{"openapi": "3.0.3", "paths": {"/a": {}, "/a": {}}}"#,
        ];
        for text in texts {
            let source = Source::new("x.json", text);
            let d = parse_for_merge(&[&source]).remove(0).unwrap_err();
            assert!(d.message.starts_with("duplicate key"), "{text}: {d}");
            assert_eq!(d, parse(&source).unwrap_err());
        }
    }

    /// Figures, not a timed assertion: `cargo test -p apigen --lib -- --ignored --nocapture
    /// duplicate_key_check_cost` prints how long reading a large spec takes with serde_json's own
    /// `Value` reader and with the strict one, and how long `parse_for_merge` takes on many files.
    #[test]
    #[ignore]
    fn duplicate_key_check_cost() {
        use std::time::Instant;
        let schema = |i: usize| {
            let props: serde_json::Map<String, Value> = (0..20)
                .map(|p| (format!("field_{p}"), json!({"type": "string", "description": format!("Field {p} of {i}.")})))
                .collect();
            json!({"type": "object", "properties": props, "required": ["field_0"]})
        };
        let files: Vec<Source> = (0..200)
            .map(|f| {
                let schemas: serde_json::Map<String, Value> =
                    (0..100).map(|i| (format!("S{}", if i < 50 { i } else { f * 100 + i }), schema(i))).collect();
                json_source(
                    &format!("f{f:03}.json"),
                    json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
                           "paths": {format!("/p{f}"): {"get": {"responses": {"200": {"description": "ok"}}}}},
                           "components": {"schemas": schemas}}),
                )
            })
            .collect();
        let mb = files.iter().map(|f| f.bytes.len()).sum::<usize>() as f64 / 1e6;
        let texts: Vec<&str> = files.iter().map(|f| std::str::from_utf8(&f.bytes).unwrap()).collect();
        let time = |f: &dyn Fn()| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64()
        };
        // Interleaved, best of five: the machine's other work weighs on both alike.
        let (mut plain, mut strict) = (f64::MAX, f64::MAX);
        for _ in 0..5 {
            plain = plain.min(time(&|| texts.iter().for_each(|t| drop(serde_json::from_str::<Value>(t).unwrap()))));
            strict = strict.min(time(&|| {
                texts.iter().for_each(|t| drop(strict::read(Reader::Check, &mut serde_json::Deserializer::from_str(t))))
            }));
        }
        let refs: Vec<&Source> = files.iter().collect();
        let merge = (0..5).map(|_| time(&|| drop(parse_for_merge(&refs)))).fold(f64::MAX, f64::min);
        println!(
            "{mb:.0} MB in {} files, best of 5: serde_json Value {plain:.3} s, strict {strict:.3} s, parse_for_merge {merge:.3} s",
            files.len()
        );
    }

    #[test]
    fn yaml_is_read_into_json_values() {
        let v = parse(&Source::new("x.yaml", "openapi: 3.0.0\npaths: {}\n")).unwrap();
        assert_eq!(v, serde_json::json!({"openapi": "3.0.0", "paths": {}}));
    }

    #[test]
    fn empty_and_non_utf8_files_are_errors() {
        assert_eq!(parse(&Source::new("e.json", "  \n")).unwrap_err().message, "file is empty");
        let d = parse(&Source::new("b.json", b"{\n\xff}".to_vec())).unwrap_err();
        assert_eq!(d.location.line_col, Some((2, 1)));
    }
}
