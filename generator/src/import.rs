//! Import: a published API reference page (Markdown) → one spec file per operation.
//!
//! Docs sites publish each operation with a complete OpenAPI document in a fenced code block.
//! [`extract`] finds every fenced block (CommonMark, via pulldown-cmark) that parses as JSON or YAML
//! and is an OpenAPI document (`openapi` and `paths` at the top), and splits each document into one
//! document per operation ([`crate::openapi::split`], which reads a path item that is a `$ref` as
//! its target), keeping everything else (info, servers, components, ...) in each. A file
//! is named after the operationId in snake case (else method and path) and holds pretty-printed
//! JSON with the keys in the page's order. Pure: text in, files out.

use std::collections::BTreeMap;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use serde_json::{Map, Value};

use crate::diag::{Diagnostic, Diagnostics, Location, Sink};
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
            "yaml" | "yml" => serde_norway::from_str(&text).map_err(|e| e.to_string()),
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

/// One document per operation ([`crate::openapi::split`]): (file name, document).
fn split(doc: &Map<String, Value>) -> Vec<(String, Map<String, Value>)> {
    crate::openapi::split(doc)
        .into_iter()
        .map(|single| {
            // An operation listed again through a path item's `$ref` has its original's
            // operationId: it is named by its method and path.
            let stem = match (single.operation_id.filter(|_| !single.through_ref), single.method) {
                (Some(id), _) => sanitize(id, Case::Snake),
                (None, Some(method)) => sanitize(&format!("{method} {}", single.path), Case::Snake),
                (None, None) => sanitize(single.path, Case::Snake),
            };
            (format!("{}.json", stem.trim_start_matches("r#")), single.document(doc))
        })
        .collect()
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
    fn a_path_item_ref_gives_its_targets_operations_at_its_own_path() {
        let page = r##"```json
{"openapi":"3.0.0","info":{"title":"T","version":"1"},"paths":{"/copy":{"$ref":"#/paths/~1a"},"/a":{"parameters":[{"in":"query","name":"q","schema":{"type":"string"}}],"get":{"operationId":"getA","responses":{}}}}}
```
"##;
        let files = extract("page.md", page).unwrap();
        assert_eq!(files.keys().collect::<Vec<_>>(), ["get_a.json", "get_copy.json"]);
        let copy: Value = serde_json::from_str(&files["get_copy.json"]).unwrap();
        assert_eq!(copy["paths"].as_object().unwrap().keys().collect::<Vec<_>>(), ["/copy"]);
        assert_eq!(copy["paths"]["/copy"]["parameters"][0]["name"], "q");
        assert_eq!(copy["paths"]["/copy"]["get"]["operationId"], "getA");
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
