//! The merged document read through openapiv3's model, the form the resolver reads it in.
//!
//! [`read`] is the fast pass: the path items and component schemas read one by one on every core,
//! a chunk at a time, into maps of their exact number (a path item holds eight operations inline,
//! some 8 KB, so a list of them beside the map would double the memory of a large document).
//! [`read_freeing`] is the same on a document it owns, freeing each chunk of path items' JSON as
//! it is read: a generation takes `openapi.json` and what resolving reads of the JSON first, so a
//! large document is never held as JSON and as model at once. Only when the fast pass fails does
//! [`validate`], the tracked pass, run, to say where: the JSON pointer of the first value
//! openapiv3 rejects. `merge` also validates each file with it when a merged
//! document fails, so that every problem is reported at its own file.

use indexmap::IndexMap;
use serde_json::{Map, Value};

use crate::diag::join_pointer;

/// Reads a document through openapiv3's model; on failure, the JSON pointer of the problem.
pub(crate) fn read(doc: &Value) -> Result<openapiv3::OpenAPI, (String, String)> {
    // The untracked pass is the fast one; the tracked one runs only to say where it failed.
    read_in_parallel(doc).ok_or(()).or_else(|()| {
        validate::<openapiv3::OpenAPI>(doc, "")?;
        Err((String::new(), "openapiv3 rejected the document".to_owned()))
    })
}

/// Reads a document through openapiv3's model with the path items and component schemas read one
/// by one, on every core. (Read whole, openapiv3 first copies both maps into serde's buffer, as
/// they sit under `#[serde(flatten)]`, and then reads them on one core.) `None` when any part is
/// not valid; the result is the same as reading the document whole.
fn read_in_parallel(doc: &Value) -> Option<openapiv3::OpenAPI> {
    use openapiv3::{PathItem, ReferenceOr, Schema};
    use serde::Deserialize;

    let top = doc.as_object()?;
    let paths = top.get("paths")?.as_object()?;
    let schemas = match top.get("components") {
        Some(c) => c.as_object()?.get("schemas").map(|s| s.as_object()).unwrap_or_default(),
        None => None,
    };
    // Everything else, with the path items and schemas left out.
    let mut shell = Map::new();
    for (key, value) in top {
        let value = match key.as_str() {
            "paths" => Value::Object(
                paths.iter().filter(|(p, _)| !p.starts_with('/')).map(|(k, v)| (k.clone(), v.clone())).collect(),
            ),
            "components" => Value::Object(
                value
                    .as_object()?
                    .iter()
                    .map(|(k, v)| (k.clone(), if k == "schemas" { Value::Object(Map::new()) } else { v.clone() }))
                    .collect(),
            ),
            _ => value.clone(),
        };
        shell.insert(key.clone(), value);
    }
    let mut spec = openapiv3::OpenAPI::deserialize(&Value::Object(shell)).ok()?;
    let items: Vec<(String, &Value)> =
        paths.iter().filter(|(p, _)| p.starts_with('/')).map(|(k, v)| (k.clone(), v)).collect();
    spec.paths.paths = read_entries::<ReferenceOr<PathItem>, _>(items)?;
    if let Some(schemas) = schemas {
        let entries: Vec<(String, &Value)> = schemas.iter().map(|(k, v)| (k.clone(), v)).collect();
        spec.components.as_mut()?.schemas = read_entries::<ReferenceOr<Schema>, _>(entries)?;
    }
    Some(spec)
}

/// [`read`]'s fast pass, on a document it may free: the path items are taken out of it and read a
/// chunk at a time, each chunk's JSON freed once read. `None` when any part is not valid.
pub(crate) fn read_freeing(mut doc: Value) -> Option<openapiv3::OpenAPI> {
    let paths = doc.get_mut("paths")?.as_object_mut()?;
    let mut items: Vec<(String, Value)> = Vec::new();
    for (key, value) in std::mem::take(paths) {
        if key.starts_with('/') {
            items.push((key, value));
        } else {
            paths.insert(key, value);
        }
    }
    // The rest: everything but the path items, read as before (its path items map is empty).
    let mut spec = read_in_parallel(&doc)?;
    drop(doc);
    spec.paths.paths = read_entries(items)?;
    Some(spec)
}

/// Reads the values of a map through openapiv3's model, on every core, into a map of exactly
/// their number. A chunk at a time: openapiv3's values are large (a path item holds eight
/// operations inline, some 8 KB), and the whole list read at once beside the map would double
/// the memory a large document takes. Entries given by value are freed a chunk at a time too.
fn read_entries<T, V>(entries: Vec<(String, V)>) -> Option<IndexMap<String, T>>
where
    T: serde::de::DeserializeOwned + Send,
    V: std::borrow::Borrow<Value> + Sync,
{
    const CHUNK: usize = 1024;
    let mut map = IndexMap::with_capacity(entries.len());
    let mut rest = entries.into_iter();
    loop {
        let chunk: Vec<(String, V)> = rest.by_ref().take(CHUNK).collect();
        if chunk.is_empty() {
            return Some(map);
        }
        let read = crate::exec::parallel(&chunk, |(_, v)| T::deserialize(v.borrow()).ok());
        for ((key, _), value) in chunk.into_iter().zip(read) {
            map.insert(key, value?);
        }
    }
}

/// Deserialises `value` as `T`; on failure, the JSON pointer (below `base`) and the message.
pub(crate) fn validate<T: serde::de::DeserializeOwned>(value: &Value, base: &str) -> Result<(), (String, String)> {
    let mut track = serde_path_to_error::Track::new();
    let de = serde_path_to_error::Deserializer::new(value, &mut track);
    match T::deserialize(de) {
        Ok(_) => Ok(()),
        Err(e) => Err((format!("{base}{}", path_to_pointer(&track.path())), e.to_string())),
    }
}

/// serde_path_to_error's path as a JSON pointer.
fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => out = join_pointer(&out, &index.to_string()),
            Segment::Map { key } => out = join_pointer(&out, key),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reading_in_parallel_reads_what_openapiv3_reads() {
        use serde::Deserialize;
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        for fixture in ["params", "auth", "vectara", "fastapi"] {
            let text = std::fs::read_to_string(dir.join(fixture).join("expected/openapi.json")).unwrap();
            let doc: Value = serde_json::from_str(&text).unwrap();
            let whole = openapiv3::OpenAPI::deserialize(&doc).unwrap();
            assert_eq!(read_in_parallel(&doc), Some(whole.clone()), "{fixture}");
            assert_eq!(read_freeing(doc), Some(whole), "{fixture}: freeing the JSON as it is read");
        }
        // More path items and schemas than a chunk, in their order.
        let paths: Map<String, Value> = (0..2500)
            .map(|i| {
                (
                    format!("/p{i}"),
                    json!({"get": {"operationId": format!("op{i}"), "responses": {"200": {"description": "ok"}}}}),
                )
            })
            .collect();
        let schemas: Map<String, Value> =
            (0..2500).map(|i| (format!("S{i}"), json!({"type": "string", "title": format!("s{i}")}))).collect();
        let doc = json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": paths, "components": {"schemas": schemas}});
        let whole = openapiv3::OpenAPI::deserialize(&doc).unwrap();
        let read = read_in_parallel(&doc).unwrap();
        assert_eq!(read.paths.paths.keys().nth(2499).map(String::as_str), Some("/p2499"));
        assert_eq!(read, whole);
        assert_eq!(read_freeing(doc), Some(whole), "freeing the JSON a chunk at a time");
        // A bad path item or schema makes it give up (and the caller reads whole, tracking where).
        let mut bad: Value = json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
            "paths": {"/x": {"get": {"responses": 5}}, "x-ext": 1}});
        assert_eq!(read_in_parallel(&bad), None);
        assert_eq!(read_freeing(bad.clone()), None);
        bad["paths"] = json!({"x-ext": 1});
        assert!(read_in_parallel(&bad).unwrap().paths.extensions.contains_key("x-ext"));
        assert!(read_freeing(bad.clone()).unwrap().paths.extensions.contains_key("x-ext"));
        bad["components"] = json!({"schemas": {"A": {"type": 5}}});
        assert_eq!(read_in_parallel(&bad), None);
        assert_eq!(read_freeing(bad), None);
    }
}
