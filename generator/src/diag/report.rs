//! Diagnostics as a compiler shows them: the file, line and column, the source line with a caret
//! under the offending key, the JSON pointer and the notes ([`render`], by annotate-snippets, in
//! colour on a terminal only); or one JSON object per diagnostic for editors and CI annotations
//! ([`json`]).
//!
//! A diagnostic names a place by file and JSON pointer; [`locate`] finds that place in the file's
//! text (JSON or YAML: YAML reads both) with saphyr, which keeps every node's position.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};

use super::Diagnostic;
use crate::resolve::refs::unescape;
use crate::spectext::{terminal, terminal_line};

/// Where a JSON pointer lands in a document's text: the byte range to underline (the member's
/// key, or the item or document itself) and its 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub bytes: Range<usize>,
    pub line: usize,
    pub column: usize,
}

/// The place of `pointer` in `text`, a JSON or YAML document; `None` when the text does not parse
/// or the pointer names nothing in it.
pub fn locate(text: &str, pointer: &str) -> Option<Place> {
    let docs = MarkedYaml::load_from_str(text).ok()?;
    let mut node = docs.first()?;
    let mut span = node.span;
    if !pointer.is_empty() {
        for token in pointer.strip_prefix('/')?.split('/') {
            let token = unescape(token).ok()?;
            match &node.data {
                YamlData::Mapping(map) => {
                    let (key, value) = map.iter().find(|(k, _)| key_text(k).as_deref() == Some(token.as_str()))?;
                    span = key.span;
                    node = value;
                }
                YamlData::Sequence(items) => {
                    node = items.get(token.parse::<usize>().ok()?)?;
                    span = node.span;
                }
                _ => return None,
            }
        }
    }
    let start = byte_offset(text, span.start.index())?;
    // A key's span ends where it ends; a container's may run over lines: underline its first line.
    let end = byte_offset(text, span.end.index()).unwrap_or(start).max(start);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let end = if end == start { line_end } else { end.min(line_end) };
    Some(Place { bytes: start..end, line: span.start.line(), column: span.start.col() + 1 })
}

/// The place a parser named by line and column (1-based): the word there, up to a space, `=`, `:`
/// or the line's end.
fn at(text: &str, line: usize, column: usize) -> Option<Place> {
    let first = if line == 1 { 0 } else { text.match_indices('\n').nth(line - 2)?.0 + 1 };
    let line_text = &text[first..text[first..].find('\n').map_or(text.len(), |i| first + i)];
    let start = first + line_text.char_indices().nth(column.saturating_sub(1)).map_or(line_text.len(), |(b, _)| b);
    let word = text[start..].find(|c: char| c.is_whitespace() || c == '=' || c == ':').unwrap_or(text.len() - start);
    Some(Place { bytes: start..start + word, line, column })
}

/// A mapping key as a pointer token names it (`200` for the YAML integer key `200`).
fn key_text(key: &MarkedYaml<'_>) -> Option<String> {
    match &key.data {
        YamlData::Value(Scalar::String(s)) => Some(s.to_string()),
        YamlData::Value(Scalar::Integer(i)) => Some(i.to_string()),
        YamlData::Value(Scalar::Boolean(b)) => Some(b.to_string()),
        YamlData::Value(Scalar::FloatingPoint(f)) => Some(f.to_string()),
        YamlData::Value(Scalar::Null) => Some("null".into()),
        YamlData::Representation(text, ..) => Some(text.to_string()),
        _ => None,
    }
}

/// The byte offset of the `index`th character.
fn byte_offset(text: &str, index: usize) -> Option<usize> {
    text.char_indices().map(|(b, _)| b).chain([text.len()]).nth(index)
}

/// `d` as a compiler shows it, labelled `error` or `warning`: with a snippet of `source` (the text
/// of its file) when the place is found there, else its file, pointer and notes alone. `styled`:
/// colours, for a terminal. Spec text (messages, the snippet) has its control characters
/// written out.
pub fn render(d: &Diagnostic, warning: bool, source: Option<&str>, styled: bool) -> String {
    let level = if warning { Level::WARNING } else { Level::ERROR };
    let message = terminal(&d.message).into_owned();
    let place = source.and_then(|text| {
        let at_line = d.location.line_col.and_then(|(line, col)| at(text, line, col));
        at_line.or_else(|| locate(text, &d.location.pointer)).map(|p| (text, p))
    });
    let mut group = Group::with_title(level.primary_title(message));
    let path;
    let shown;
    match &place {
        Some((text, p)) => {
            // The lines around the place, control characters written out, the range moved with them.
            let first = text[..p.bytes.start].rfind('\n').map_or(0, |i| i + 1);
            let last = text[p.bytes.end..].find('\n').map_or(text.len(), |i| p.bytes.end + i);
            let before = terminal_line(&text[first..p.bytes.start]).into_owned();
            let inside = terminal_line(&text[p.bytes.start..p.bytes.end]).into_owned();
            let after = terminal_line(&text[p.bytes.end..last]).into_owned();
            shown = format!("{before}{inside}{after}");
            let range = before.len()..before.len() + inside.len();
            path = terminal_line(&d.location.file).into_owned();
            let label = if d.location.pointer.is_empty() {
                String::new()
            } else {
                format!("#{}", terminal_line(&d.location.pointer))
            };
            group = group.element(
                Snippet::source(shown.as_str())
                    .line_start(p.line)
                    .path(path.as_str())
                    .annotation(AnnotationKind::Primary.span(range).label(label)),
            );
        }
        None => {
            path = d.location.to_string();
            group = group.element(Level::NOTE.no_name().message(format!("--> {path}")));
        }
    }
    for note in &d.notes {
        let text = match &note.location {
            Some(at) => format!("{} ({at})", terminal(&note.message)),
            None => terminal(&note.message).into_owned(),
        };
        let level = if note.message.starts_with("help:") { Level::HELP } else { Level::NOTE };
        let text = text.strip_prefix("help: ").map(str::to_owned).unwrap_or(text);
        group = group.element(level.message(text));
    }
    let renderer = if styled { Renderer::styled() } else { Renderer::plain() };
    renderer.render(&[group])
}

/// `d` as one JSON object: `level`, `message`, `file`, `line` and `column` (when found; 1-based),
/// `pointer` and `notes` (each with its `message`, and its `file` and `pointer` when it has a
/// place).
pub fn json(d: &Diagnostic, warning: bool, source: Option<&str>) -> serde_json::Value {
    let place = d
        .location
        .line_col
        .or_else(|| source.and_then(|text| locate(text, &d.location.pointer)).map(|p| (p.line, p.column)));
    let notes: Vec<serde_json::Value> = d
        .notes
        .iter()
        .map(|n| match &n.location {
            Some(at) => serde_json::json!({"message": n.message, "file": at.file, "pointer": at.pointer}),
            None => serde_json::json!({"message": n.message}),
        })
        .collect();
    serde_json::json!({
        "level": if warning { "warning" } else { "error" },
        "message": d.message,
        "file": d.location.file,
        "line": place.map(|p| p.0),
        "column": place.map(|p| p.1),
        "pointer": d.location.pointer,
        "notes": notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_land_on_their_key_in_yaml_and_json() {
        let yaml =
            "openapi: 3.0.3\npaths:\n  /a:\n    get:\n      responses:\n        200:\n          description: ok\n";
        let p = locate(yaml, "/paths/~1a/get/responses/200").unwrap();
        assert_eq!((p.line, p.column, &yaml[p.bytes.clone()]), (6, 9, "200"));
        let json = "{\n  \"paths\": {\n    \"/a\": {\"get\": {\"tags\": [\"x\", \"y\"]}}\n  }\n}\n";
        let p = locate(json, "/paths/~1a/get/tags/1").unwrap();
        assert_eq!((p.line, &json[p.bytes.clone()]), (3, "\"y\""));
        assert_eq!(locate(json, "/paths/~1b"), None);
        assert_eq!(locate(json, "").map(|p| p.line), Some(1));
    }
}
