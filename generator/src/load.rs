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
//!
//! The walk lives in `folder`, the parsers in `parse` (with `strict`, the reader that refuses a key
//! written twice); this module holds what both share: [`Source`], [`Limits`] and sizes as people
//! write and read them.

mod folder;
mod parse;
mod strict;

pub use self::folder::{Folder, read_dir, read_file, read_file_in, read_folder};
pub use self::parse::{parse, parse_for_merge};

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
