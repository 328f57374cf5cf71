//! Load: spec files on disk → parsed JSON values.
//!
//! [`read_dir`] is the only function here that touches the disk: it walks a folder (subfolders
//! included), keeps `.json`, `.yaml` and `.yml` files and returns them sorted by their relative
//! path, so the order never depends on the file system. [`parse`] is pure: bytes → `serde_json::Value`
//! (YAML is read into the same JSON data model), or a diagnostic with line and column.
//! [`parse_for_merge`] parses many files at once, in parallel, and does not parse again what an
//! earlier file already said in the same bytes.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::value::RawValue;
use serde_json::{Map, Value};

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
    let mut found = Vec::new();
    let mut errors = Vec::new();
    walk(dir, dir, &mut found, &mut errors);
    found.sort();
    // Reading hundreds of megabytes is worth both cores.
    let read = crate::parallel(&found, |(name, path)| {
        std::fs::read(path)
            .map(|bytes| Source { name: name.clone(), bytes })
            .map_err(|e| Diagnostic::new(Location::new(name.clone(), ""), format!("cannot read file: {e}")))
    });
    let mut out = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(source) => out.push(source),
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(Diagnostics::new(errors));
    }
    Ok(out)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, std::path::PathBuf)>, errors: &mut Vec<Diagnostic>) {
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
        out.push((name, path));
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
    let scanned: Vec<Scanned<'_>> = crate::parallel(sources, |s| scan(s));
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
    crate::parallel(&jobs, |(source, scanned, keep)| match scanned {
        Scanned::Whole => parse(source),
        Scanned::Members { parts, .. } => {
            let mut doc = Map::new();
            for ((path, raw), _) in parts.iter().zip(keep).filter(|(_, k)| **k) {
                let value: Value = serde_json::from_str(raw.get()).map_err(|_| {
                    // The scan accepted it, so this cannot fail; if it does, parsing whole says where.
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

/// A JSON object's members as raw text, in order.
type RawMap<'a> = indexmap::IndexMap<String, &'a RawValue>;

fn scan(source: &Source) -> Scanned<'_> {
    if !source.name.ends_with(".json") {
        return Scanned::Whole;
    }
    let Ok(top) = serde_json::from_slice::<RawMap<'_>>(&source.bytes) else {
        return Scanned::Whole;
    };
    let version: Option<String> = top.get("openapi").and_then(|raw| serde_json::from_str(raw.get()).ok());
    let dedupe = !version.as_deref().is_some_and(crate::normalize::is_31);
    let mut parts = Vec::with_capacity(top.len());
    for (key, raw) in top {
        let sections = (key == "components").then(|| serde_json::from_str::<RawMap<'_>>(raw.get()).ok()).flatten();
        let Some(sections) = sections else {
            parts.push((vec![key], raw));
            continue;
        };
        if sections.is_empty() {
            parts.push((vec![key.clone()], raw));
        }
        for (section, raw) in sections {
            match serde_json::from_str::<RawMap<'_>>(raw.get()) {
                Ok(entries) if !entries.is_empty() => {
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

fn line_col_of(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn json_source(name: &str, value: Value) -> Source {
        Source::new(name, serde_json::to_vec(&value).unwrap())
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
