//! Import: a published API reference page (Markdown) → one spec file per operation.
//!
//! Docs sites publish each operation with a complete OpenAPI document in a fenced code block.
//! [`extract`] finds every fenced block (CommonMark, via pulldown-cmark) that parses as JSON or YAML
//! and is an OpenAPI document (`openapi` and `paths` at the top), and splits each document into one
//! document per operation, keeping everything else (info, servers, components, ...) in each. A file
//! is named after the operationId in snake case (else method and path) and holds pretty-printed
//! JSON with the keys in the page's order. Pure: text in, files out.

use std::collections::BTreeMap;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use serde_json::{Map, Value};

use crate::diag::{Diagnostic, Diagnostics, Location, Sink};
use crate::merge::METHODS;
use crate::naming::{Case, sanitize};

/// The spec files found on a page: file name → content.
pub fn extract(page: &str, markdown: &str) -> Result<BTreeMap<String, String>, Diagnostics> {
    let mut sink = Sink::default();
    let mut files: BTreeMap<String, (String, usize)> = BTreeMap::new();
    let mut found_any = false;
    for (lang, text, line) in fenced_blocks(markdown) {
        let at = Location { file: page.to_owned(), pointer: String::new(), line_col: Some((line, 1)) };
        let looks_like_spec = text.contains("\"openapi\"") || text.contains("openapi:");
        let parsed: Result<Value, String> = match lang.as_str() {
            "yaml" | "yml" => serde_yaml::from_str(&text).map_err(|e| e.to_string()),
            _ => serde_json::from_str(&text).map_err(|e| e.to_string()),
        };
        let doc = match parsed {
            Ok(Value::Object(doc)) if doc.contains_key("openapi") && doc.contains_key("paths") => doc,
            Ok(_) => continue,
            Err(e) if looks_like_spec => {
                sink.push(Diagnostic::new(
                    at,
                    format!("a code block that looks like an OpenAPI document does not parse: {e}"),
                ));
                continue;
            }
            Err(_) => continue,
        };
        found_any = true;
        for (name, single) in split(&doc) {
            let mut content = serde_json::to_string_pretty(&Value::Object(single)).expect("JSON values serialise");
            content.push('\n');
            match files.get(&name) {
                Some((existing, _)) if *existing == content => {}
                Some((_, first_line)) => sink.push(
                    Diagnostic::new(at.clone(), format!("two different operations would both be written to {name}"))
                        .note_at(
                            "the first",
                            Location {
                                file: page.to_owned(),
                                pointer: String::new(),
                                line_col: Some((*first_line, 1)),
                            },
                        ),
                ),
                None => {
                    files.insert(name, (content, line));
                }
            }
        }
    }
    if !found_any && sink.is_empty() {
        sink.push(Diagnostic::new(Location::new(page, ""), "no OpenAPI documents found in the page's code blocks"));
    }
    sink.finish(files.into_iter().map(|(name, (content, _))| (name, content)).collect())
}

/// Fenced code blocks: (info-string language, text, 1-based line of the fence).
fn fenced_blocks(markdown: &str) -> Vec<(String, String, usize)> {
    let mut out = Vec::new();
    let mut current: Option<(String, String, usize)> = None;
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let lang = info.split_whitespace().next().unwrap_or_default().to_ascii_lowercase();
                let line = markdown[..range.start].matches('\n').count() + 1;
                current = Some((lang, String::new(), line));
            }
            Event::Text(text) => {
                if let Some((_, body, _)) = current.as_mut() {
                    body.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => out.extend(current.take()),
            _ => {}
        }
    }
    out
}

/// One document per operation: (file name, document).
fn split(doc: &Map<String, Value>) -> Vec<(String, Map<String, Value>)> {
    let mut out = Vec::new();
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
        return out;
    };
    for (path, item) in paths {
        let Some(item) = item.as_object() else {
            continue;
        };
        let shared: Map<String, Value> =
            item.iter().filter(|(k, _)| !METHODS.contains(&k.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect();
        for (method, op) in item.iter().filter(|(k, _)| METHODS.contains(&k.as_str())) {
            let stem = match op.get("operationId").and_then(Value::as_str) {
                Some(id) => sanitize(id, Case::Snake),
                None => sanitize(&format!("{method} {path}"), Case::Snake),
            };
            let mut single_item = shared.clone();
            single_item.insert(method.clone(), op.clone());
            let mut single = Map::new();
            for (key, value) in doc {
                if key == "paths" {
                    let mut p = Map::new();
                    p.insert(path.clone(), Value::Object(single_item.clone()));
                    single.insert(key.clone(), Value::Object(p));
                } else {
                    single.insert(key.clone(), value.clone());
                }
            }
            out.push((format!("{}.json", stem.trim_start_matches("r#")), single));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_json_and_yaml_documents_and_splits_operations() {
        let page = r#"# API

```json
{"openapi":"3.0.0","info":{"title":"T","version":"1"},"paths":{"/a":{"get":{"operationId":"getA","responses":{}},"post":{"operationId":"postA","responses":{}}}}}
```

```bash
curl https://example.com
```

```yaml
openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /b:
    delete:
      responses: {}
```
"#;
        let files = extract("page.md", page).unwrap();
        assert_eq!(files.keys().collect::<Vec<_>>(), ["delete_b.json", "get_a.json", "post_a.json"]);
        let get: Value = serde_json::from_str(&files["get_a.json"]).unwrap();
        assert_eq!(get["paths"]["/a"].as_object().unwrap().keys().collect::<Vec<_>>(), ["get"]);
        assert_eq!(get["info"]["title"], "T");
    }

    #[test]
    fn a_broken_spec_block_is_reported_with_its_line() {
        let page = "text\n\n```json\n{\"openapi\": \"3.0.0\", \"paths\": {\n```\n";
        let errors = extract("page.md", page).unwrap_err();
        let d = errors.iter().next().unwrap();
        assert_eq!(d.location.line_col, Some((3, 1)));
    }

    #[test]
    fn a_page_without_specs_is_an_error() {
        assert!(extract("page.md", "# nothing\n").is_err());
    }
}
