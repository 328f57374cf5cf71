//! Merge: many per-operation OpenAPI documents → one document.
//!
//! Takes the parsed files in sorted order and gives back one merged document plus [`Origins`], which
//! says which file each part came from, so later stages can point at the file a user must edit.
//!
//! The rules (README "How specs are merged" says the same):
//! - every file is checked on its own first: a JSON object, `openapi: 3.0.x`, and a valid OpenAPI
//!   document whose shape breaks none of [`crate::checks::structure`]'s rules; a bad file is
//!   reported with its own location;
//! - `paths`: the union of path items; the same method on the same path in two files must be
//!   identical, otherwise it is an error naming both files and the first JSON pointer where they differ;
//! - `components`: the union of every section; the same name must mean the same thing;
//! - `info`, `servers`, `externalDocs` and extensions (`x-…`): every file that has them must agree;
//! - `tags`: the union by name; the same name must have the same content;
//! - `security`: kept at the top level when every file declares the same; otherwise each file's
//!   top-level security is moved onto that file's operations that do not declare their own, so the
//!   merged document means exactly what each file meant;
//! - `openapi`: every file must be 3.0.x or 3.1.x, or Swagger 2.0; 3.1 files are first rewritten
//!   in 3.0 form ([`crate::normalize`]), and so are 2.0 files ([`crate::swagger2`]); the merged
//!   document takes the highest 3.0 patch version;
//! - operationIds must be unique across all files.
//!
//! The merged document has a canonical order (fixed top-level order, paths and component names
//! sorted, methods in HTTP order), so it is the same whatever the order of the input files.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use crate::diag::{Diagnostic, Diagnostics, Location, Sink, join_pointer};

/// HTTP methods of a path item, in the order they are written out.
pub const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// The merged document and where its parts came from.
#[derive(Clone, Debug)]
pub struct Merged {
    pub doc: Value,
    /// The same document read through openapiv3's model (which is how it was validated).
    pub spec: openapiv3::OpenAPI,
    pub origins: Origins,
    /// What the files got wrong and was read leniently ([`crate::repair`]), by file and place.
    pub repairs: Vec<crate::repair::Repair>,
}

/// Which file defined each part of the merged document, by JSON pointer prefix.
#[derive(Clone, Debug, Default)]
pub struct Origins {
    by_pointer: BTreeMap<String, String>,
    first_file: String,
    /// The most tokens of a recorded pointer: a longer pointer's own prefixes of more tokens
    /// are never recorded, so [`Origins::locate`] does not look them up.
    deepest: usize,
}

impl Origins {
    /// Origins of a document that is one file (e.g. a committed merged spec).
    pub fn whole(file: &str) -> Self {
        Origins { by_pointer: BTreeMap::new(), first_file: file.to_owned(), deepest: 0 }
    }

    fn record(&mut self, pointer: &str, file: &str) {
        self.deepest = self.deepest.max(pointer.matches('/').count());
        self.by_pointer.entry(pointer.to_owned()).or_insert_with(|| file.to_owned());
    }

    /// The location in the source files of a pointer into the merged document.
    pub fn locate(&self, pointer: &str) -> Location {
        // Only prefixes of at most `deepest` tokens can have been recorded.
        let mut prefix = match pointer.match_indices('/').nth(self.deepest) {
            Some((end, _)) => &pointer[..end],
            None => pointer,
        };
        loop {
            if let Some(file) = self.by_pointer.get(prefix) {
                return Location::new(file.clone(), pointer);
            }
            match prefix.rfind('/') {
                Some(i) => prefix = &prefix[..i],
                None => return Location::new(self.first_file.clone(), pointer),
            }
        }
    }
}

/// Merges parsed files (already in sorted order) into one document, validating each file on its own.
pub fn merge(files: &[(String, Value)]) -> Result<Merged, Diagnostics> {
    merge_owned(files.to_vec(), Validation::EachFile)
}

/// How much of the input [`merge_owned`] validates through openapiv3.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Validation {
    /// Every file on its own (so an error names its file and pointer), then the merged document.
    EachFile,
    /// Only the merged document: one pass instead of one per file. An error is still located
    /// through [`Origins`], but bad files are not each reported; callers that want that rerun
    /// with [`Validation::EachFile`] when this fails.
    MergedOnly,
}

/// Merges parsed files (already in sorted order, taken by value so nothing is copied).
pub fn merge_owned(files: Vec<(String, Value)>, validation: Validation) -> Result<Merged, Diagnostics> {
    merge_json(files, validation)?.read_model()
}

/// A merged document not yet read through openapiv3's model.
pub struct MergedJson {
    pub doc: Value,
    origins: Origins,
    repairs: Vec<crate::repair::Repair>,
}

impl MergedJson {
    /// Reads the document through openapiv3's model, keeping the JSON; an error says where
    /// openapiv3 rejects it.
    pub fn read_model(self) -> Result<Merged, Diagnostics> {
        let MergedJson { doc, origins, repairs } = self;
        let spec = crate::model::read(&doc).map_err(|(pointer, e)| {
            Diagnostic::new(origins.locate(&pointer), format!("not a valid OpenAPI 3.0 document: {e}"))
        })?;
        Ok(Merged { doc, spec, origins, repairs })
    }

    /// Reads the document through openapiv3's model, freeing the JSON of its path items as they
    /// are read, so that a large document is never held in both forms; the result's `doc` is
    /// `null`. `None` when openapiv3 rejects the document ([`Self::read_model`] says where).
    pub fn into_model(self) -> Option<Merged> {
        let MergedJson { doc, origins, repairs } = self;
        let spec = crate::model::read_freeing(doc)?;
        Some(Merged { doc: Value::Null, spec, origins, repairs })
    }
}

/// Merges parsed files (as [`merge_owned`]) into one JSON document.
pub fn merge_json(files: Vec<(String, Value)>, validation: Validation) -> Result<MergedJson, Diagnostics> {
    let mut sink = Sink::default();
    let mut merger = Merger::default();
    let mut versions = Vec::new();
    let first_file = files.first().map(|(n, _)| n.clone()).unwrap_or_default();
    let mut repairs = Vec::new();
    // Each file is read on its own, on every core; then added in order.
    for file in crate::exec::parallel_owned(files, |(name, value)| Prepared::read(name, value, validation)) {
        repairs.extend(file.repairs);
        let Some(version) = sink.take(file.version) else {
            continue;
        };
        file.shape.into_iter().for_each(|d| sink.push(d));
        versions.push((version, file.name.clone()));
        let Value::Object(obj) = file.value else { unreachable!("check_file accepts only objects") };
        merger.add(&file.name, obj, &mut sink);
    }
    if versions.is_empty() && sink.is_empty() {
        sink.push(Diagnostic::new(
            Location::new("", ""),
            "no OpenAPI documents found (expected .json, .yaml or .yml files)",
        ));
    }
    sink.check()?;
    let Merger { mut doc, mut origins, securities, op_files } = merger;
    origins.first_file = first_file;
    // Where no file gives `info`'s title or version: a placeholder, said once. Discriminator
    // mappings to nothing are judged on the whole document too.
    repairs.extend(crate::repair::info(&mut doc, &origins.locate("/info").file));
    let mut whole = Value::Object(doc);
    repairs.extend(crate::repair::dangling_mappings(&mut whole, &|pointer| origins.locate(pointer)));
    let Value::Object(mut doc) = whole else { unreachable!("made from an object") };

    // The highest 3.0.x version; check_file has made sure they are all 3.0.
    let (version, _) = versions.iter().max_by(|a, b| version_key(&a.0).cmp(&version_key(&b.0))).expect("non-empty");
    doc.insert("openapi".into(), Value::String(version.clone()));

    apply_security(&mut doc, &securities, &op_files, &mut sink);
    check_operation_ids(&doc, &origins, &mut sink);
    sink.check()?;
    let doc = canonical(doc);
    repairs.sort();
    repairs.dedup();
    Ok(MergedJson { doc, origins, repairs })
}

/// One file read in 3.0 form and checked on its own, before it is merged.
struct Prepared {
    name: String,
    value: Value,
    repairs: Vec<crate::repair::Repair>,
    /// Problems of the shape as written, said only when the file is a document at all.
    shape: Vec<Diagnostic>,
    /// The document's version, or why it is not one.
    version: Result<String, Diagnostic>,
}

impl Prepared {
    fn read(name: String, mut value: Value, validation: Validation) -> Prepared {
        // Swagger 2.0 is read in 3.0 form (see `swagger2`).
        if crate::swagger2::is_20(&value) {
            value = crate::swagger2::to_30(value);
        }
        // What real specs commonly get wrong, read the way it was meant, and said.
        let repairs = crate::repair::repair(&name, &mut value);
        // The shape as written: normalising and openapiv3 would pass over some of it.
        let shape = crate::checks::structure(&name, &value);
        // OpenAPI 3.1 is read in 3.0 form (see `normalize`); messages name the version written.
        let written = value.get("openapi").and_then(Value::as_str).map(str::to_owned);
        let value = match written.as_deref() {
            Some(v) if crate::normalize::is_31(v) => crate::normalize::to_30(value),
            _ => value,
        };
        // A file with such problems is not read through openapiv3 too: they say more precisely
        // what openapiv3 would reject.
        let full = validation == Validation::EachFile && shape.is_empty();
        let version = check_file(&name, &value, full, written.as_deref());
        Prepared { name, value, repairs, shape, version }
    }
}

/// Checks the parts of one file that the merge relies on (with `full`, that it is a valid OpenAPI
/// document); returns its `openapi` version.
fn check_file(name: &str, value: &Value, full: bool, written: Option<&str>) -> Result<String, Diagnostic> {
    let at = |p: &str| Location::new(name, p);
    let Some(obj) = value.as_object() else {
        return Err(Diagnostic::new(
            at(""),
            format!("expected an OpenAPI document (a JSON object), found {}", kind_of(value)),
        ));
    };
    if let Some(version) = obj.get("swagger") {
        return Err(Diagnostic::new(at("/swagger"), format!("Swagger {version} documents are not supported"))
            .note("help: Swagger 2.0 and OpenAPI 3.0 and 3.1 are read; convert older documents to one of them first"));
    }
    let version = match obj.get("openapi") {
        None => {
            return Err(Diagnostic::new(
                at(""),
                "missing `openapi` version field; this does not look like an OpenAPI document",
            ));
        }
        Some(Value::String(s)) => s.clone(),
        Some(other) => {
            return Err(Diagnostic::new(
                at("/openapi"),
                format!("`openapi` must be a string, found {}", kind_of(other)),
            ));
        }
    };
    if !(version == "3.0" || version.starts_with("3.0.")) {
        return Err(Diagnostic::new(
            at("/openapi"),
            format!("unsupported OpenAPI version {version:?}; supported: 3.0.x and 3.1.x"),
        ));
    }
    if !full {
        return Ok(version);
    }
    // A missing `info` title or version is filled on the merged document (`repair::info`).
    let filled;
    let value = match obj.get("info").and_then(Value::as_object) {
        Some(info) if crate::repair::INFO_PLACEHOLDERS.iter().all(|(k, _)| info.contains_key(*k)) => value,
        _ => {
            let mut copy = obj.clone();
            crate::repair::info(&mut copy, name);
            filled = Value::Object(copy);
            &filled
        }
    };
    if let Err((pointer, e)) = crate::model::validate::<openapiv3::OpenAPI>(value, "") {
        // openapiv3 reads `paths` with a custom visitor that hides the path below it; validating
        // each path item on its own finds the exact place.
        let deeper = obj.get("paths").and_then(Value::as_object).and_then(|paths| {
            paths.iter().find_map(|(p, item)| {
                crate::model::validate::<openapiv3::PathItem>(item, &join_pointer("/paths", p)).err()
            })
        });
        let (pointer, e) = if pointer == "/paths" { deeper.unwrap_or((pointer, e)) } else { (pointer, e) };
        // The version as the file says it (`3.1`), though it was read in 3.0 form.
        let said = written.and_then(|v| v.get(..3)).filter(|v| v.starts_with("3.")).unwrap_or("3.0");
        return Err(Diagnostic::new(at(&pointer), format!("not a valid OpenAPI {said} document: {e}")));
    }
    Ok(version)
}

pub(crate) fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn version_key(v: &str) -> Vec<u64> {
    v.split('.').map(|p| p.parse().unwrap_or(0)).collect()
}

#[derive(Default)]
struct Merger {
    doc: Map<String, Value>,
    origins: Origins,
    /// Each file's top-level `security`, in file order.
    securities: Vec<(String, Option<Value>)>,
    /// Which files define each operation (path, method).
    op_files: BTreeMap<(String, String), Vec<String>>,
}

impl Merger {
    fn add(&mut self, file: &str, obj: Map<String, Value>, sink: &mut Sink) {
        self.securities.push((file.to_owned(), obj.get("security").cloned()));
        for (key, value) in obj {
            let ptr = join_pointer("", &key);
            match key.as_str() {
                "openapi" | "security" => {}
                "paths" => self.add_paths(file, value, sink),
                "components" => {
                    let Value::Object(sections) = value else {
                        continue;
                    };
                    for (section, entries) in sections {
                        let Value::Object(entries) = entries else {
                            self.same_or_conflict(&["components", &section], entries, file, sink);
                            continue;
                        };
                        for (name, entry) in entries {
                            self.same_or_conflict(&["components", &section, &name], entry, file, sink);
                        }
                    }
                }
                "tags" => {
                    let Some(tags) = value.as_array() else {
                        continue;
                    };
                    for (i, tag) in tags.iter().enumerate() {
                        let name = tag.get("name").and_then(Value::as_str).unwrap_or_default();
                        self.add_tag(file, &join_pointer(&ptr, &i.to_string()), name, tag, sink);
                    }
                }
                _ => self.same_or_conflict(&[&key], value, file, sink),
            }
        }
    }

    fn add_paths(&mut self, file: &str, paths: Value, sink: &mut Sink) {
        let Value::Object(paths) = paths else {
            return;
        };
        for (path, item) in paths {
            let path_ptr = join_pointer("/paths", &path);
            let Value::Object(item) = item else {
                continue;
            };
            self.origins.record(&path_ptr, file);
            for (key, value) in item {
                if METHODS.contains(&key.as_str()) {
                    self.op_files.entry((path.clone(), key.clone())).or_default().push(file.to_owned());
                }
                self.same_or_conflict(&["paths", &path, &key], value, file, sink);
            }
        }
    }

    fn add_tag(&mut self, file: &str, ptr: &str, name: &str, tag: &Value, sink: &mut Sink) {
        let tags = self.doc.entry("tags").or_insert_with(|| Value::Array(Vec::new()));
        let Value::Array(tags) = tags else { return };
        match tags.iter().position(|t| t.get("name").and_then(Value::as_str) == Some(name)) {
            None => {
                tags.push(tag.clone());
                self.origins.record(&format!("/tags/{name}"), file);
            }
            Some(i) if tags[i] == *tag => {}
            Some(i) => {
                let other = self.origins.by_pointer.get(&format!("/tags/{name}")).cloned().unwrap_or_default();
                let diff = first_difference(&tags[i], tag, "").unwrap_or_default();
                sink.push(
                    Diagnostic::new(
                        Location::new(file, format!("{ptr}{diff}")),
                        format!("tag {name:?} is defined differently in two files"),
                    )
                    .note_at("the other definition", Location::new(other, format!("/tags{diff}"))),
                );
            }
        }
    }

    /// Inserts `value` at the place `tokens` (one to three keys) name; an existing different value is a
    /// conflict.
    fn same_or_conflict(&mut self, tokens: &[&str], value: Value, file: &str, sink: &mut Sink) {
        let ptr = &tokens.iter().fold(String::new(), |ptr, token| join_pointer(&ptr, token));
        let Some((&last, parents)) = tokens.split_last() else { return };
        let mut map = &mut self.doc;
        for &token in parents {
            let slot = map.entry(token).or_insert_with(|| Value::Object(Map::new()));
            if !slot.is_object() {
                *slot = Value::Object(Map::new());
            }
            map = slot.as_object_mut().expect("just made an object");
        }
        match map.get(last) {
            None => {
                map.insert(last.to_owned(), value);
                self.origins.record(ptr, file);
            }
            Some(existing) if *existing == value => {}
            Some(existing) => {
                let diff = first_difference(existing, &value, ptr).unwrap_or_else(|| ptr.to_owned());
                let other = self.origins.by_pointer.get(ptr).cloned().unwrap_or_default();
                let what = describe(tokens);
                sink.push(
                    Diagnostic::new(
                        Location::new(file, diff.clone()),
                        format!("{what} is defined differently in two files"),
                    )
                    .note_at("the other definition", Location::new(other, diff))
                    .note("help: make both files agree, or keep this part in only one of them"),
                );
            }
        }
    }
}

fn describe(tokens: &[&str]) -> String {
    match *tokens {
        ["paths", path, method] if METHODS.contains(&method) => {
            format!("operation `{} {path}`", method.to_uppercase())
        }
        ["paths", path, key] => format!("`{key}` of path `{path}`"),
        ["components", section, name] => format!("component `{section}/{name}`"),
        [top] => format!("top-level `{top}`"),
        _ => format!("`{}`", tokens.join("/")),
    }
}

/// The pointer (below `base`) of the first place where `a` and `b` differ.
pub fn first_difference(a: &Value, b: &Value, base: &str) -> Option<String> {
    if a == b {
        return None;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for key in x.keys().chain(y.keys()) {
                if x.get(key) != y.get(key) {
                    let ptr = join_pointer(base, key);
                    return match (x.get(key), y.get(key)) {
                        (Some(v), Some(w)) => first_difference(v, w, &ptr),
                        _ => Some(ptr),
                    };
                }
            }
            Some(base.to_owned())
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (v, w))| first_difference(v, w, &join_pointer(base, &i.to_string()))),
        _ => Some(base.to_owned()),
    }
}

/// Applies the security rule (module docs) to the merged document.
fn apply_security(
    doc: &mut Map<String, Value>,
    securities: &[(String, Option<Value>)],
    op_files: &BTreeMap<(String, String), Vec<String>>,
    sink: &mut Sink,
) {
    let distinct: BTreeSet<String> =
        securities.iter().map(|(_, s)| serde_json::to_string(s).unwrap_or_default()).collect();
    if distinct.len() <= 1 {
        if let Some((_, Some(security))) = securities.first() {
            doc.insert("security".into(), security.clone());
        }
        return;
    }
    let of_file: BTreeMap<&str, &Option<Value>> = securities.iter().map(|(f, s)| (f.as_str(), s)).collect();
    for ((path, method), files) in op_files {
        let Some(op) = doc.get_mut("paths").and_then(|p| p.get_mut(path)).and_then(|i| i.get_mut(method)) else {
            continue;
        };
        let Some(op) = op.as_object_mut() else {
            continue;
        };
        if op.contains_key("security") {
            continue;
        }
        let wanted: BTreeSet<String> =
            files.iter().map(|f| serde_json::to_string(of_file[f.as_str()]).unwrap_or_default()).collect();
        if wanted.len() > 1 {
            let ptr = join_pointer(&join_pointer("/paths", path), method);
            sink.push(
                Diagnostic::new(
                    Location::new(files[1].clone(), "/security"),
                    format!(
                        "operation `{} {path}` is defined in two files whose top-level `security` differs",
                        method.to_uppercase()
                    ),
                )
                .note_at("the other file", Location::new(files[0].clone(), "/security"))
                .note(format!("help: give the operation its own `security` (at {ptr})")),
            );
            continue;
        }
        if let Some(Some(security)) = of_file.get(files[0].as_str()) {
            op.insert("security".into(), security.clone());
        }
    }
}

fn check_operation_ids(doc: &Map<String, Value>, origins: &Origins, sink: &mut Sink) {
    let mut seen: BTreeMap<&str, String> = BTreeMap::new();
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
        return;
    };
    let mut ops: Vec<(String, &str)> = Vec::new();
    for (path, item) in paths {
        for method in METHODS {
            if let Some(id) = item.get(method).and_then(|op| op.get("operationId")).and_then(Value::as_str) {
                ops.push((join_pointer(&join_pointer(&join_pointer("/paths", path), method), "operationId"), id));
            }
        }
    }
    ops.sort();
    for (ptr, id) in ops {
        if let Some(first) = seen.get(id) {
            sink.push(
                Diagnostic::new(origins.locate(&ptr), format!("operationId {id:?} is used by two operations"))
                    .note_at("first used here", origins.locate(first)),
            );
        } else {
            seen.insert(id, ptr);
        }
    }
}

/// Reorders the document: fixed top-level order, sorted paths and components, methods in HTTP order.
fn canonical(mut doc: Map<String, Value>) -> Value {
    const TOP: [&str; 9] =
        ["openapi", "info", "jsonSchemaDialect", "servers", "security", "tags", "externalDocs", "paths", "components"];
    doc.entry("paths").or_insert_with(|| Value::Object(Map::new()));
    let mut out = Map::new();
    for key in TOP {
        if let Some(mut value) = doc.remove(key) {
            match key {
                "paths" => value = sort_paths(value),
                "components" => value = sort_components(value),
                _ => {}
            }
            out.insert(key.into(), value);
        }
    }
    let mut rest: Vec<_> = doc.into_iter().collect();
    rest.sort_by(|a, b| a.0.cmp(&b.0));
    out.extend(rest);
    Value::Object(out)
}

fn sort_paths(paths: Value) -> Value {
    let Value::Object(paths) = paths else {
        return paths;
    };
    let sorted: BTreeMap<String, Value> = paths.into_iter().collect();
    Value::Object(
        sorted
            .into_iter()
            .map(|(path, item)| {
                let Value::Object(mut item) = item else {
                    return (path, item);
                };
                let mut out = Map::new();
                let mut others: Vec<_> =
                    item.iter().filter(|(k, _)| !METHODS.contains(&k.as_str())).map(|(k, _)| k.clone()).collect();
                others.sort();
                for key in others.iter().map(String::as_str).chain(METHODS) {
                    if let Some(v) = item.remove(key) {
                        out.insert(key.into(), v);
                    }
                }
                (path, Value::Object(out))
            })
            .collect(),
    )
}

fn sort_components(components: Value) -> Value {
    let Value::Object(sections) = components else {
        return components;
    };
    let sorted: BTreeMap<String, Value> = sections.into_iter().collect();
    Value::Object(
        sorted
            .into_iter()
            .map(|(name, entries)| match entries {
                Value::Object(entries) => {
                    let sorted: BTreeMap<String, Value> = entries.into_iter().collect();
                    (name, Value::Object(sorted.into_iter().collect()))
                }
                other => (name, other),
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn doc(path: &str, method: &str, op: Value) -> Value {
        json!({
            "openapi": "3.0.0",
            "info": {"title": "T", "version": "1"},
            "paths": {path: {method: op}},
        })
    }

    fn op(id: &str) -> Value {
        json!({"operationId": id, "responses": {"204": {"description": "ok"}}})
    }

    #[test]
    fn union_of_paths_in_canonical_order() {
        let files = vec![
            ("b.json".to_string(), doc("/b", "post", op("b_post"))),
            ("a.json".to_string(), doc("/b", "get", op("b_get"))),
            ("c.json".to_string(), doc("/a", "get", op("a_get"))),
        ];
        let merged = merge(&files).unwrap();
        let paths = merged.doc["paths"].as_object().unwrap();
        assert_eq!(paths.keys().collect::<Vec<_>>(), ["/a", "/b"]);
        assert_eq!(paths["/b"].as_object().unwrap().keys().collect::<Vec<_>>(), ["get", "post"]);
        assert_eq!(merged.origins.locate("/paths/~1b/post/responses").file, "b.json");
        assert_eq!(merged.origins.locate("/paths/~1b/get").file, "a.json");
        let deep = "/paths/~1b/post/responses/200/content/application~1json/schema/properties/a~1b/items";
        assert_eq!(merged.origins.locate(deep).file, "b.json");
        assert_eq!(merged.origins.locate(deep).pointer, deep);
        assert_eq!(merged.origins.locate("/paths/~1b").file, "b.json");
        assert_eq!(merged.origins.locate("/nowhere/at/all/x/y").file, "b.json");
    }

    #[test]
    fn identical_duplicate_operation_is_kept_once() {
        let files =
            vec![("a.json".to_string(), doc("/x", "get", op("x"))), ("b.json".to_string(), doc("/x", "get", op("x")))];
        let merged = merge(&files).unwrap();
        assert_eq!(merged.doc["paths"]["/x"]["get"], op("x"));
    }

    #[test]
    fn conflicting_duplicate_names_both_files_and_the_pointer() {
        let mut other = op("x");
        other["responses"]["204"]["description"] = json!("changed");
        let files =
            vec![("a.json".to_string(), doc("/x", "get", op("x"))), ("b.json".to_string(), doc("/x", "get", other))];
        let errors = merge(&files).unwrap_err();
        let text = errors.to_string();
        assert_eq!(errors.len(), 1, "{text}");
        assert!(text.contains("operation `GET /x` is defined differently in two files"), "{text}");
        assert!(text.contains("--> b.json#/paths/~1x/get/responses/204/description"), "{text}");
        assert!(text.contains("--> a.json#/paths/~1x/get/responses/204/description"), "{text}");
    }

    #[test]
    fn conflicting_info_is_an_error_not_first_wins() {
        let mut second = doc("/y", "get", op("y"));
        second["info"]["version"] = json!("2");
        let files = vec![("a.json".to_string(), doc("/x", "get", op("x"))), ("b.json".to_string(), second)];
        let text = merge(&files).unwrap_err().to_string();
        assert!(text.contains("top-level `info` is defined differently"), "{text}");
        assert!(text.contains("b.json#/info/version"), "{text}");
    }

    #[test]
    fn duplicate_operation_id_names_both_places() {
        let files = vec![
            ("a.json".to_string(), doc("/x", "get", op("same"))),
            ("b.json".to_string(), doc("/y", "get", op("same"))),
        ];
        let text = merge(&files).unwrap_err().to_string();
        assert!(text.contains("operationId \"same\" is used by two operations"), "{text}");
        assert!(text.contains("b.json#/paths/~1y/get/operationId"), "{text}");
        assert!(text.contains("a.json#/paths/~1x/get/operationId"), "{text}");
    }

    #[test]
    fn differing_security_moves_onto_operations() {
        let mut a = doc("/x", "get", op("x"));
        a["security"] = json!([{"Bearer": []}]);
        let b = doc("/y", "get", op("y"));
        let merged = merge(&[("a.json".to_string(), a), ("b.json".to_string(), b)]).unwrap();
        assert!(merged.doc.get("security").is_none());
        assert_eq!(merged.doc["paths"]["/x"]["get"]["security"], json!([{"Bearer": []}]));
        assert!(merged.doc["paths"]["/y"]["get"].get("security").is_none());
    }

    #[test]
    fn agreeing_security_stays_at_top_level() {
        let mut a = doc("/x", "get", op("x"));
        a["security"] = json!([{"Bearer": []}]);
        let mut b = doc("/y", "get", op("y"));
        b["security"] = json!([{"Bearer": []}]);
        let merged = merge(&[("a.json".to_string(), a), ("b.json".to_string(), b)]).unwrap();
        assert_eq!(merged.doc["security"], json!([{"Bearer": []}]));
        assert!(merged.doc["paths"]["/x"]["get"].get("security").is_none());
    }

    #[test]
    fn files_with_their_repeats_left_out_merge_in_one_pass() {
        // The fast path: `info` and a component repeated byte for byte are left out of the second
        // file. Nothing may take what is left out for missing (a placeholder `info` would
        // conflict with the first file's and send every run down the slow path).
        let component = json!({"schemas": {"S": {"type": "object", "properties": {"a": {"type": "string"}}}}});
        // Each operation's answer names the shared component in a discriminator mapping.
        let union = json!({"oneOf": [{"$ref": "#/components/schemas/S"}], "discriminator": {"propertyName": "a", "mapping": {"s": "#/components/schemas/S"}}});
        let answering = |id: &str| {
            let mut o = op(id);
            o["responses"] =
                json!({"200": {"description": "ok", "content": {"application/json": {"schema": union.clone()}}}});
            o
        };
        let mut a = doc("/a", "get", answering("a"));
        let mut b = doc("/b", "get", answering("b"));
        a["components"] = component.clone();
        b["components"] = component;
        let sources: Vec<crate::load::Source> = [("a.json", a), ("b.json", b)]
            .iter()
            .map(|(n, v)| crate::load::Source::new(*n, serde_json::to_vec(v).unwrap()))
            .collect();
        let sorted: Vec<&crate::load::Source> = sources.iter().collect();
        let values: Vec<Value> = crate::load::parse_for_merge(&sorted).into_iter().map(Result::unwrap).collect();
        assert!(values[1].get("info").is_none(), "the repeat is left out: {}", values[1]);
        assert!(values[1].get("components").is_none(), "the repeat is left out: {}", values[1]);
        let files = vec![("a.json".to_string(), values[0].clone()), ("b.json".to_string(), values[1].clone())];
        let merged = merge_owned(files, Validation::MergedOnly).unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(merged.doc["info"], json!({"title": "T", "version": "1"}));
        assert!(merged.repairs.is_empty(), "{:?}", merged.repairs);
        let mapping = &merged.doc["paths"]["/b"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
        assert_eq!(mapping["discriminator"]["mapping"]["s"], json!("#/components/schemas/S"));
    }

    #[test]
    fn bad_files_are_reported_each_with_its_location() {
        let files = vec![
            ("a.json".to_string(), json!([1])),
            ("b.json".to_string(), json!({"swagger": "1.2"})),
            (
                "c.json".to_string(),
                json!({"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {"/x": {"get": {"responses": 5}}}}),
            ),
        ];
        let errors = merge(&files).unwrap_err();
        let text = errors.to_string();
        assert_eq!(errors.len(), 3, "{text}");
        assert!(text.contains("--> a.json\n"), "{text}");
        assert!(text.contains("Swagger \"1.2\" documents are not supported"), "{text}");
        assert!(text.contains("c.json#/paths/~1x/get/responses"), "{text}");
    }
}
