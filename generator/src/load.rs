//! Load: spec files on disk → parsed JSON values.
//!
//! [`read_dir`] is the only function here that touches the disk: it walks a folder (subfolders
//! included), keeps `.json`, `.yaml` and `.yml` files and returns them sorted by their relative
//! path, so the order never depends on the file system. [`parse`] is pure: bytes → `serde_json::Value`
//! (YAML is read into the same JSON data model), or a diagnostic with line and column.

use std::path::Path;

use serde_json::Value;

use crate::diag::{Diagnostic, Diagnostics, Location};

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

/// Reads every spec file under `dir`, sorted by relative path.
pub fn read_dir(dir: &Path) -> Result<Vec<Source>, Diagnostics> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    walk(dir, dir, &mut out, &mut errors);
    if !errors.is_empty() {
        return Err(Diagnostics::new(errors));
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<Source>, errors: &mut Vec<Diagnostic>) {
    let here = || Location::new(dir.display().to_string(), "");
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => return errors.push(Diagnostic::new(here(), format!("cannot read folder: {e}"))),
    };
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                errors.push(Diagnostic::new(here(), format!("cannot list folder: {e}")));
                continue;
            }
        };
        let path = entry.path();
        if path.is_dir() {
            walk(root, &path, out, errors);
            continue;
        }
        let is_spec = path.extension().and_then(|e| e.to_str()).is_some_and(|e| SPEC_EXTENSIONS.contains(&e));
        if !is_spec {
            continue;
        }
        let rel = path.strip_prefix(root).unwrap_or(&path);
        let name = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        match std::fs::read(&path) {
            Ok(bytes) => out.push(Source { name, bytes }),
            Err(e) => errors.push(Diagnostic::new(Location::new(name, ""), format!("cannot read file: {e}"))),
        }
    }
}

/// Parses one source as JSON (`.json`) or YAML (anything else).
pub fn parse(source: &Source) -> Result<Value, Diagnostic> {
    let at =
        |line_col: Option<(usize, usize)>| Location { file: source.name.clone(), pointer: String::new(), line_col };
    let text = std::str::from_utf8(&source.bytes).map_err(|e| {
        let offset = e.valid_up_to();
        Diagnostic::new(
            at(Some(line_col_of(&source.bytes, offset))),
            format!("file is not valid UTF-8 (byte {offset})"),
        )
    })?;
    if text.trim().is_empty() {
        return Err(Diagnostic::new(at(None), "file is empty"));
    }
    if source.name.ends_with(".json") {
        serde_json::from_str(text).map_err(|e| {
            Diagnostic::new(
                at(Some((e.line(), e.column()))),
                format!("invalid JSON: {}", strip_position(&e.to_string())),
            )
        })
    } else {
        serde_yaml::from_str(text).map_err(|e| {
            let pos = e.location().map(|l| (l.line(), l.column()));
            Diagnostic::new(at(pos), format!("invalid YAML: {}", strip_position(&e.to_string())))
        })
    }
}

/// serde_json and serde_yaml append " at line X column Y" to their messages; the location already says it.
fn strip_position(msg: &str) -> &str {
    msg.find(" at line ").map_or(msg, |i| &msg[..i])
}

fn line_col_of(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_syntax_error_has_line_and_column() {
        let d = parse(&Source::new("x.json", "{\n  \"a\": ,\n}")).unwrap_err();
        assert_eq!(d.location.line_col, Some((2, 8)));
        assert!(d.message.starts_with("invalid JSON: expected value"), "{}", d.message);
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
