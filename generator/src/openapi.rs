//! The walker: the operations of an OpenAPI document and the parameters each takes, read one way
//! for the resolver, the drift report and the per-operation splitters.
//!
//! - [`operations`] lists a document's operations in its order (paths as the document lists them,
//!   methods in HTTP order), each with its path item. A path item that is a `$ref` (to another
//!   path, `$ref: '#/paths/~1other'`) is followed, and its operations are listed again under the
//!   referring path. A path item with a `$ref` and keys of its own is refused: openapiv3 reads it as
//!   the reference alone, so those keys would be lost.
//! - [`parameters`] gives an operation's effective parameters: the path item's, each replaced in
//!   its place by the operation's parameter of the same name and location (header names are
//!   case-insensitive), then the operation's others, every `$ref` followed. A parameter declared
//!   twice in one list is refused.
//! - [`split`] does the same listing on a document as JSON, for tools that cut a whole document
//!   into one document per operation (`apigen import`, the corpus run); it follows the same
//!   path-item `$ref`s and keeps every key as written.
//!
//! Problems are [`Diagnostic`]s located through the caller's [`Origins`]; a caller that only
//! compares documents (drift) may drop them. Nothing here panics on input.

use std::collections::BTreeMap;

use openapiv3::{OpenAPI, Operation, Parameter, PathItem};
use serde_json::{Map, Value};

use crate::diag::{Diagnostic, join_pointer};
use crate::ir::ParamIn;
use crate::merge::{METHODS, Origins};
use crate::resolve::refs;

/// One operation of a document, with the path item it is read through.
pub struct PathOp<'a> {
    /// The path as the document writes it (the referring path, for a path item that is a `$ref`).
    pub path: &'a str,
    /// The method, lower case (`get`).
    pub method: &'a str,
    pub op: &'a Operation,
    /// The path item, its `$ref` followed.
    pub item: &'a PathItem,
    /// Where the path item is: the target's pointer for a path item that is a `$ref`.
    pub item_pointer: String,
    /// Where the operation is: `item_pointer` and the method.
    pub pointer: String,
}

/// The path items of a document (as JSON) that are a `$ref` and have keys of their own, which
/// openapiv3 drops: each path with the first such key.
pub fn ref_siblings(doc: &Value) -> RefSiblings {
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else { return RefSiblings::new() };
    paths
        .iter()
        // openapiv3 reads the keys that start with `/` as path items, one with a string `$ref` as a
        // reference.
        .filter(|(path, item)| path.starts_with('/') && item.get("$ref").is_some_and(Value::is_string))
        .filter_map(|(path, item)| {
            let own =
                item.as_object()?.keys().find(|k| METHODS.contains(&k.as_str()) || SHARED.contains(&k.as_str()))?;
            Some((path.clone(), own.clone()))
        })
        .collect()
}

/// [`ref_siblings`]: path → the first key of its own beside the path item's `$ref`.
pub type RefSiblings = BTreeMap<String, String>;

/// The operations of `spec`, in canonical order (see the module docs). A path item in `siblings`
/// ([`ref_siblings`] of the document as JSON) is refused: its own keys would be lost.
pub fn operations<'a>(
    spec: &'a OpenAPI,
    siblings: &RefSiblings,
    origins: &Origins,
) -> (Vec<PathOp<'a>>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (path, item) in spec.paths.iter() {
        let item_ptr = join_pointer("/paths", path);
        if let Some(own) = siblings.get(path) {
            problems.push(
                Diagnostic::new(
                    origins.locate(&join_pointer(&item_ptr, own)),
                    format!("a path item with a `$ref` cannot also have `{own}` of its own: it would be lost"),
                )
                .note("help: move it into the path item the `$ref` points at, or write this path item in full"),
            );
            continue;
        }
        // A path item may be another path's (`$ref: '#/paths/~1other'`): its operations again.
        let (item, item_pointer) = match refs::follow(spec, item, &item_ptr) {
            Ok(found) => found,
            Err(message) => {
                problems.push(Diagnostic::new(origins.locate(&item_ptr), message));
                continue;
            }
        };
        for (method, op) in item.iter() {
            let pointer = join_pointer(&item_pointer, method);
            out.push(PathOp { path, method, op, item, item_pointer: item_pointer.clone(), pointer });
        }
    }
    (out, problems)
}

/// The keys of a path item that its operations share and openapiv3 reads.
const SHARED: [&str; 2] = ["parameters", "servers"];

/// The parameters `op` takes, each with its pointer (see the module docs). Problems are pushed to
/// `errors` and the parameter is left out.
pub fn parameters<'a>(
    spec: &'a OpenAPI,
    op: &PathOp<'a>,
    origins: &Origins,
    errors: &mut Vec<Diagnostic>,
) -> Vec<(String, &'a Parameter)> {
    let mut found: Vec<(String, &'a Parameter)> = Vec::new();
    let lists = [
        (op.item.parameters.as_slice(), join_pointer(&op.item_pointer, "parameters")),
        (op.op.parameters.as_slice(), join_pointer(&op.pointer, "parameters")),
    ];
    // Where each parameter of the path item's list, then of the list being read, is in `found`.
    let mut item_keys: BTreeMap<(&'static str, String), usize> = BTreeMap::new();
    for (list, base) in lists {
        let mut keys: BTreeMap<(&'static str, String), usize> = BTreeMap::new();
        for (i, p) in list.iter().enumerate() {
            let ptr = join_pointer(&base, &i.to_string());
            let (p, ptr) = match refs::follow(spec, p, &ptr) {
                Ok(found) => found,
                Err(message) => {
                    errors.push(Diagnostic::new(origins.locate(&ptr), message));
                    continue;
                }
            };
            let key = param_key(p);
            if let Some((first, _)) = keys.get(&key).and_then(|&i| found.get(i)) {
                errors.push(
                    Diagnostic::new(
                        origins.locate(&ptr),
                        format!("{} parameter {:?} is declared twice", param_in(p).1, p.parameter_data_ref().name),
                    )
                    .note_at("first declared here", origins.locate(first)),
                );
            } else if let Some((i, slot)) = item_keys.get(&key).and_then(|&i| found.get_mut(i).map(|slot| (i, slot))) {
                *slot = (ptr, p);
                keys.insert(key, i);
            } else {
                keys.insert(key, found.len());
                found.push((ptr, p));
            }
        }
        item_keys = keys;
    }
    found
}

/// What makes two parameters the same: location and name, the name case-insensitive for headers.
pub fn param_key(p: &Parameter) -> (&'static str, String) {
    let name = &p.parameter_data_ref().name;
    match param_in(p) {
        (ParamIn::Header, place) => (place, name.to_ascii_lowercase()),
        (_, place) => (place, name.clone()),
    }
}

/// A parameter's `in`, and the word the spec writes for it (`"query"`).
pub fn param_in(p: &Parameter) -> (ParamIn, &'static str) {
    match p {
        Parameter::Path { .. } => (ParamIn::Path, "path"),
        Parameter::Query { .. } => (ParamIn::Query, "query"),
        Parameter::Header { .. } => (ParamIn::Header, "header"),
        Parameter::Cookie { .. } => (ParamIn::Cookie, "cookie"),
    }
}

/// One operation of a JSON document, cut out by [`split`].
pub struct Single<'a> {
    /// The path as the document writes it.
    pub path: &'a str,
    /// The method; `None` for a path item kept as written (see [`split`]).
    pub method: Option<&'a str>,
    /// The operation's `operationId`, if it has one.
    pub operation_id: Option<&'a str>,
    /// Whether the path item is a `$ref`: the operation is written at another path too, with the
    /// same `operationId`.
    pub through_ref: bool,
    /// The path item with this operation alone: the item's shared keys (`parameters`, `servers`,
    /// extensions, ...) and the one method.
    pub item: Map<String, Value>,
}

impl Single<'_> {
    /// `doc` with this operation alone under `paths`, every other key kept in its place.
    pub fn document(&self, doc: &Map<String, Value>) -> Map<String, Value> {
        let mut single = Map::new();
        for (key, value) in doc {
            if key == "paths" {
                let mut paths = Map::new();
                paths.insert(self.path.to_owned(), Value::Object(self.item.clone()));
                single.insert(key.clone(), Value::Object(paths));
            } else {
                single.insert(key.clone(), value.clone());
            }
        }
        single
    }
}

/// The operations of a JSON document, in its order, each with a path item of its own. A path item
/// that is only a `$ref` into the document is read as its target, under the referring path, as
/// [`operations`] reads it; one whose `$ref` cannot be followed, or that has keys beside it, is
/// one [`Single`] as written (`method: None`), so that generating from it reports the problem.
pub fn split(doc: &Map<String, Value>) -> Vec<Single<'_>> {
    let mut out = Vec::new();
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else { return out };
    for (path, written) in paths {
        let Some(written) = written.as_object() else { continue };
        let Some(item) = followed(doc, written) else {
            out.push(Single { path, method: None, operation_id: None, through_ref: true, item: written.clone() });
            continue;
        };
        let shared: Map<String, Value> =
            item.iter().filter(|(k, _)| !METHODS.contains(&k.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect();
        for (method, op) in item.iter().filter(|(k, _)| METHODS.contains(&k.as_str())) {
            let mut single = shared.clone();
            single.insert(method.clone(), op.clone());
            let operation_id = op.get("operationId").and_then(Value::as_str);
            let through_ref = written.contains_key("$ref");
            out.push(Single { path, method: Some(method), operation_id, through_ref, item: single });
        }
    }
    out
}

/// The path item `written` stands for: itself, or what its `$ref` points at in `doc` (through
/// at most [`MAX_STEPS`] references); `None` when that cannot be followed, or when a `$ref`
/// has keys beside it.
fn followed<'a>(doc: &'a Map<String, Value>, written: &'a Map<String, Value>) -> Option<&'a Map<String, Value>> {
    let mut item = written;
    for _ in 0..=MAX_STEPS {
        let Some(reference) = item.get("$ref") else { return Some(item) };
        if item.len() > 1 {
            return None;
        }
        let target = refs::target(reference.as_str()?).ok()?;
        item = pointer(doc, &target.tokens)?.as_object()?;
    }
    None
}

/// How many path-item `$ref`s [`split`] follows one after another (a loop ends there).
const MAX_STEPS: usize = 64;

/// The value at the reference tokens `tokens` of `doc`.
pub(crate) fn pointer<'a>(doc: &'a Map<String, Value>, tokens: &[String]) -> Option<&'a Value> {
    let (first, rest) = tokens.split_first()?;
    rest.iter().try_fold(doc.get(first)?, |value, token| match value {
        Value::Object(map) => map.get(token),
        Value::Array(items) => items.get(token.parse::<usize>().ok()?),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn document(paths: Value) -> Map<String, Value> {
        let doc = json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": paths});
        doc.as_object().unwrap().clone()
    }

    fn listed(doc: &Map<String, Value>) -> Vec<(String, Option<String>, bool)> {
        split(doc).into_iter().map(|s| (s.path.to_owned(), s.method.map(str::to_owned), s.through_ref)).collect()
    }

    #[test]
    fn split_follows_path_item_refs_and_keeps_what_it_cannot_follow_as_written() {
        let ok = json!({"204": {"description": "ok"}});
        let doc = document(json!({
            "/a": {"x-note": 1, "get": {"responses": ok}, "post": {"responses": ok}},
            "/b": {"$ref": "#/paths/~1a"},
            "/c": {"$ref": "#/paths/~1b"},
            "/d": {"$ref": "#/paths/~1d"},
            "/e": {"$ref": "#/paths/~1a", "get": {"responses": ok}},
            "/f": {"$ref": "other.json#/paths/~1a"}
        }));
        let some = |path: &str, method: &str, through_ref| (path.to_owned(), Some(method.to_owned()), through_ref);
        let kept = |path: &str| (path.to_owned(), None, true);
        assert_eq!(
            listed(&doc),
            [
                some("/a", "get", false),
                some("/a", "post", false),
                some("/b", "get", true),
                some("/b", "post", true),
                some("/c", "get", true),
                some("/c", "post", true),
                kept("/d"),
                kept("/e"),
                kept("/f"),
            ]
        );
        let parts = split(&doc);
        assert_eq!(Value::Object(parts[2].item.clone()), json!({"x-note": 1, "get": {"responses": ok}}));
        assert_eq!(parts[7].item, doc["paths"]["/e"].as_object().unwrap().clone());
        let single = parts[3].document(&doc);
        assert_eq!(single.keys().collect::<Vec<_>>(), ["openapi", "info", "paths"]);
        assert_eq!(Value::Object(single)["paths"], json!({"/b": {"x-note": 1, "post": {"responses": ok}}}));
    }

    /// What the walker reads of a document: (path, method, pointer) of each operation, (location,
    /// pointer) of each of its parameters, and the problems' messages.
    struct Walked {
        listed: Vec<(String, String, String)>,
        params: Vec<Vec<(String, String)>>,
        problems: Vec<String>,
    }

    fn walked(doc: &Value) -> Walked {
        let spec: OpenAPI = serde_json::from_value(doc.clone()).unwrap();
        let origins = Origins::whole("a.json");
        let (ops, mut problems) = operations(&spec, &ref_siblings(doc), &origins);
        let listed = ops.iter().map(|o| (o.path.to_owned(), o.method.to_owned(), o.pointer.clone())).collect();
        let params = ops
            .iter()
            .map(|o| {
                let found = parameters(&spec, o, &origins, &mut problems);
                found.into_iter().map(|(ptr, p)| (param_in(p).1.to_owned(), ptr)).collect()
            })
            .collect();
        Walked { listed, params, problems: problems.into_iter().map(|d| d.message).collect() }
    }

    #[test]
    fn operations_follow_path_item_refs_and_refuse_keys_beside_them() {
        let ok = json!({"204": {"description": "ok"}});
        let doc = json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {
            "/a": {"post": {"responses": ok}, "get": {"responses": ok}},
            "/b": {"$ref": "#/paths/~1a"},
            "/c": {"$ref": "#/paths/~1a", "servers": []},
            "/d": {"$ref": "#/paths/~1nowhere"}
        }});
        let Walked { listed, problems, .. } = walked(&doc);
        let op = |path: &str, method: &str, pointer: &str| (path.to_owned(), method.to_owned(), pointer.to_owned());
        assert_eq!(
            listed,
            [
                op("/a", "get", "/paths/~1a/get"),
                op("/a", "post", "/paths/~1a/post"),
                op("/b", "get", "/paths/~1a/get"),
                op("/b", "post", "/paths/~1a/post"),
            ]
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("cannot also have `servers`"), "{problems:?}");
        assert!(problems[1].contains("points at nothing"), "{problems:?}");
    }

    #[test]
    fn parameters_are_the_path_items_overridden_by_name_and_location() {
        let param = |place: &str, name: &str| json!({"in": place, "name": name, "schema": {"type": "string"}});
        let doc = json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
            "components": {"parameters": {"Q": param("query", "q")}},
            "paths": {"/a": {
                "parameters": [param("query", "limit"), param("header", "X-Id"), param("query", "q")],
                "get": {
                    "parameters": [param("header", "limit"), param("header", "x-id"), {"$ref": "#/components/parameters/Q"}, param("cookie", "c"), param("cookie", "c")],
                    "responses": {"204": {"description": "ok"}}
                }
            }}
        });
        let Walked { params, problems, .. } = walked(&doc);
        let p = |place: &str, pointer: &str| (place.to_owned(), pointer.to_owned());
        assert_eq!(
            params,
            [[
                p("query", "/paths/~1a/parameters/0"),
                p("header", "/paths/~1a/get/parameters/1"),
                p("query", "/components/parameters/Q"),
                p("header", "/paths/~1a/get/parameters/0"),
                p("cookie", "/paths/~1a/get/parameters/3"),
            ]]
        );
        assert_eq!(problems, ["cookie parameter \"c\" is declared twice"]);
    }
}
