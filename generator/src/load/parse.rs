//! Parsing: one [`Source`]'s bytes → a `serde_json::Value` ([`parse`]), or many sources at once
//! for the merge, repeats left unparsed ([`parse_for_merge`]). Pure; the module docs of
//! [`crate::load`] give the rules.

use std::collections::BTreeMap;

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::Source;
use super::strict::{self, Reader};
use crate::diag::{Diagnostic, Location, line_col};

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
        let read = |reader: Reader<'_>| strict::read(reader, serde_norway::Deserializer::from_str(text));
        let position = |e: &serde_norway::Error| e.location().map(|l| (l.line(), l.column()));
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
/// The parts are parsed on every core, path items one part each: a single file of many
/// operations is not read on one core.
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
            // The parts on every core too: a single large file is most of its parts.
            let kept: Vec<&(Vec<String>, &RawValue)> =
                parts.iter().zip(keep).filter(|(_, k)| **k).map(|(part, _)| part).collect();
            let values = crate::exec::parallel(&kept, |(_, raw)| {
                strict::read(Reader::Check, &mut serde_json::Deserializer::from_str(raw.get())).ok()
            });
            let mut doc = Map::new();
            for ((path, _), value) in kept.into_iter().zip(values) {
                // A key written twice (the scan accepted the syntax): parsing whole says where.
                let Some(value) = value else {
                    return Err(parse(source)
                        .err()
                        .unwrap_or_else(|| Diagnostic::new(Location::new(&source.name, ""), "unreadable")));
                };
                insert_at(&mut doc, path, value);
            }
            Ok(Value::Object(doc))
        }
    })
}

/// A file as scanned: its parts (top-level members; path items and components one entry each) as
/// raw JSON text.
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
        // Path items one part each, so that a file of many operations is parsed on every core.
        if key == "paths"
            && let Ok(RawMap(items)) = serde_json::from_str::<RawMap<'_>>(raw.get())
            && !items.is_empty()
        {
            parts.extend(items.into_iter().map(|(path, raw)| (vec![key.clone(), path], raw)));
            continue;
        }
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

/// serde_json and serde_norway append " at line X column Y" to their messages; the location already says it.
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
    fn path_items_parsed_as_parts_give_the_whole_file_in_its_order() {
        let op = json!({"responses": {"200": {"description": "ok"}}});
        let doc = json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
                         "paths": {"/b": {"get": op}, "/a": {}, "/c": {"parameters": [], "put": op}}});
        let a = json_source("a.json", doc.clone());
        let parsed = parse_for_merge(&[&a]).remove(0).unwrap();
        assert_eq!(parsed, doc);
        let order: Vec<&String> = parsed["paths"].as_object().unwrap().keys().collect();
        assert_eq!(order, ["/b", "/a", "/c"]);
        // A key written twice inside a path item: the whole file's diagnostic.
        let twice = Source::new("x.json", r#"{"openapi": "3.0.3", "paths": {"/a": {"get": {}, "get": {}}}}"#);
        assert_eq!(parse_for_merge(&[&twice]).remove(0).unwrap_err(), parse(&twice).unwrap_err());
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
