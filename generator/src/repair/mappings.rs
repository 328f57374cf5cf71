//! Discriminator mappings that point at nothing, judged on the merged document: a bundler that
//! cuts a file name off leaves `mapping` entries to targets no file defines. Not per file: a
//! file's components may have been left out as repeats of an earlier file's.

use serde_json::Value;

use super::{Repair, Rule};
use crate::diag::{Diagnostic, Location, join_pointer};

/// Leaves out the discriminator mapping entries of a merged document that point at nothing (what
/// a bundler leaves when it cuts a file name off), each a repair located by `locate`. On the
/// merged document, not per file: a file's components may have been left out as repeats of an
/// earlier file's (see [`crate::load::parse_for_merge`]).
pub fn dangling_mappings(doc: &mut Value, locate: &dyn Fn(&str) -> Location) -> Vec<Repair> {
    let mut dangling = Vec::new();
    mapping_targets(doc, &mut |target| {
        if unresolved(doc, target) {
            dangling.push(target.to_owned());
        }
    });
    let mut out = Vec::new();
    if !dangling.is_empty() {
        remove_mappings(doc, "", &dangling, locate, &mut out);
    }
    out
}

/// [`dangling_mappings`]' walk, `pointer` being where `v` is.
fn remove_mappings(
    v: &mut Value,
    pointer: &str,
    dangling: &[String],
    locate: &dyn Fn(&str) -> Location,
    out: &mut Vec<Repair>,
) {
    match v {
        Value::Object(map) => {
            if let Some(Value::Object(mapping)) = map.get_mut("discriminator").and_then(|d| d.get_mut("mapping")) {
                let base = join_pointer(&join_pointer(pointer, "discriminator"), "mapping");
                let gone: Vec<(String, String)> = mapping
                    .iter()
                    .filter_map(|(value, target)| Some((value.clone(), target.as_str()?.to_owned())))
                    .filter(|(_, target)| dangling.contains(target))
                    .collect();
                for (value, target) in gone {
                    mapping.shift_remove(&value);
                    let message = format!("discriminator mapping {value:?} points at nothing, {target:?}: left out");
                    let diagnostic = Diagnostic::new(locate(&join_pointer(&base, &value)), message);
                    out.push(Repair { rule: Rule::ExternalMapping, diagnostic });
                }
            }
            for (key, x) in map.iter_mut().filter(|(k, _)| !k.starts_with("x-") && *k != "example" && *k != "examples")
            {
                remove_mappings(x, &join_pointer(pointer, key), dangling, locate, out);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter_mut().enumerate() {
                remove_mappings(x, &join_pointer(pointer, &i.to_string()), dangling, locate, out);
            }
        }
        _ => {}
    }
}

/// Calls `each` with every discriminator mapping target in this document: a reference (`#/...`)
/// or a component schema's name.
fn mapping_targets(v: &Value, each: &mut impl FnMut(&str)) {
    match v {
        Value::Object(map) => {
            let mapping = map.get("discriminator").and_then(|d| d.get("mapping")).and_then(Value::as_object);
            mapping
                .into_iter()
                .flat_map(|m| m.values())
                .filter_map(Value::as_str)
                .filter(|t| t.starts_with('#') || !t.contains('/'))
                .for_each(&mut *each);
            map.iter()
                .filter(|(k, _)| !k.starts_with("x-") && *k != "example" && *k != "examples")
                .for_each(|(_, x)| mapping_targets(x, each));
        }
        Value::Array(items) => items.iter().for_each(|x| mapping_targets(x, each)),
        _ => {}
    }
}

/// Whether the mapping target `target` (a well-formed `#/...`, or a schema's name) points at
/// nothing in `doc`.
fn unresolved(doc: &Value, target: &str) -> bool {
    if !target.starts_with('#') {
        return doc.get("components").and_then(|c| c.get("schemas")).and_then(|s| s.get(target)).is_none();
    }
    let Ok(target) = crate::resolve::refs::target(target) else { return false };
    // `#` is the document itself: there, but not a schema (which resolve says).
    !target.tokens.is_empty()
        && doc.as_object().and_then(|root| crate::openapi::pointer(root, &target.tokens)).is_none()
}
