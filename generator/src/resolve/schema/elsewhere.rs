//! The schemas `$ref`s reach outside `#/components/schemas`, read once from the merged document
//! so that the [`super::Converter`] can follow such references too.

use openapiv3::{ReferenceOr, Schema};

use crate::resolve::refs::{self, Slot};

/// Schemas that `$ref`s (and discriminator mappings) reach outside `#/components/schemas` (a
/// property of a request body, say), by the target's JSON pointer; or why the target is no
/// schema. Read from the merged document once; empty when every `$ref` is to a component.
pub type Elsewhere = std::collections::BTreeMap<String, Result<ReferenceOr<Schema>, String>>;

/// Every in-document `$ref` of `doc` (and discriminator mapping) that does not point at a
/// component schema, with the target read as a schema, or what is wrong with it. Also every
/// `$ref` that is not a string where a reference may stand (openapiv3 would read it as a schema
/// that allows anything), as its pointer and a message.
pub fn schemas_elsewhere(doc: &serde_json::Value) -> (Elsewhere, Vec<(String, String)>) {
    use crate::diag::Path;
    struct Walk<'d> {
        doc: &'d serde_json::Value,
        elsewhere: Elsewhere,
        malformed: Vec<(String, String)>,
    }
    impl Walk<'_> {
        fn add(&mut self, r: &str) {
            // The common case, a plain component name, is decided without reading the pointer.
            let plain = |name: &str| !name.contains(['/', '~', '%']);
            if r.strip_prefix("#/components/schemas/").is_some_and(plain) {
                return;
            }
            let Ok(target) = refs::target(r) else { return };
            if target.under(&["components", "schemas"]).is_some() {
                return;
            }
            let pointer = target.pointer();
            if self.elsewhere.contains_key(&pointer) {
                return;
            }
            let read = match (self.doc.pointer(&pointer), target.slot()) {
                (None, _) => Err("points at nothing".to_owned()),
                (Some(found), Slot::Schema) => <ReferenceOr<Schema> as serde::Deserialize>::deserialize(found)
                    .map_err(|e| format!("points at a schema that cannot be read: {e}")),
                (Some(_), slot) => Err(match slot.word() {
                    Some(word) => format!("points at {word}, not a schema"),
                    None => "does not point at a schema".to_owned(),
                }),
            };
            self.elsewhere.insert(pointer, read);
        }

        fn walk(&mut self, value: &serde_json::Value, place: refs::Place, path: &Path<'_>) {
            match value {
                serde_json::Value::Object(map) => {
                    for (key, v) in map {
                        match (key.as_str(), v) {
                            ("$ref", serde_json::Value::String(r)) => self.add(r),
                            ("$ref", other) if place.takes_ref() => self.malformed.push((
                                Path::Key(path, key).pointer(),
                                format!("`$ref` must be a string, found {}", crate::merge::kind_of(other)),
                            )),
                            ("mapping", serde_json::Value::Object(mapping)) if map.contains_key("propertyName") => {
                                let refs = mapping.values().filter_map(|v| v.as_str()).filter(|v| mapping_is_ref(v));
                                refs.for_each(|r| self.add(r));
                            }
                            _ => {}
                        }
                        self.walk(v, place.step(key), &Path::Key(path, key));
                    }
                }
                serde_json::Value::Array(items) => {
                    for (i, v) in items.iter().enumerate() {
                        self.walk(v, place.step(""), &Path::Index(path, i));
                    }
                }
                _ => {}
            }
        }
    }
    let mut walk = Walk { doc, elsewhere: Elsewhere::new(), malformed: Vec::new() };
    walk.walk(doc, refs::Place::Document, &Path::Root);
    (walk.elsewhere, walk.malformed)
}

/// Whether a discriminator `mapping` value is a reference rather than a schema name. OpenAPI
/// allows both; a component name cannot hold `#` or `/` (`^[a-zA-Z0-9.\-_]+$`), so a value with
/// either is a reference (`#/components/schemas/Dog`, `schemas/Dog.yaml`).
pub(super) fn mapping_is_ref(value: &str) -> bool {
    value.contains(['#', '/'])
}
