//! Normalise: OpenAPI 3.1 documents → the 3.0 form the rest of the pipeline reads.
//!
//! 3.1 schemas are JSON Schema 2020-12; the differences that matter to a client are rewritten
//! in place, losslessly for code generation:
//! - `type: [T, "null"]` → `type: T, nullable: true` (`["null"]` alone → `nullable: true`);
//!   several non-null types → `anyOf` of one schema per type;
//! - `anyOf`/`oneOf` with a `{"type": "null"}` member → the other members, `nullable: true`; when
//!   one member is left it replaces the list (`{"anyOf": [{"type": "string"}, {"type": "null"}]}`
//!   is a nullable string, as FastAPI writes `Optional[str]`);
//! - `const: v` → `enum: [v]`;
//! - numeric `exclusiveMinimum: n` → `minimum: n, exclusiveMinimum: true` (and the same for max);
//! - schema `examples: [...]` → `example: <first>`;
//! - `webhooks` and `jsonSchemaDialect` (nothing a client calls) are dropped, and a missing
//!   `paths` becomes empty; an operation without `responses` gets an empty map;
//! - `mutualTLS` security schemes (a client certificate, configured on the HTTP client given to
//!   `ClientBuilder::http_client`) are dropped, and so are the requirements that name them.
//!
//! Pure; 3.0 documents are returned unchanged.

use serde_json::{Map, Value, json};

/// Whether `version` is an OpenAPI 3.1 version string.
pub fn is_31(version: &str) -> bool {
    version == "3.1" || version.starts_with("3.1.")
}

/// Rewrites a 3.1 document into 3.0 form (see module docs).
pub fn to_30(mut doc: Value) -> Value {
    if let Value::Object(top) = &mut doc {
        top.remove("webhooks");
        top.remove("jsonSchemaDialect");
        top.entry("paths").or_insert_with(|| json!({}));
        top.insert("openapi".into(), json!("3.0.3"));
    }
    drop_mutual_tls(&mut doc);
    if let Some(Value::Object(paths)) = doc.get_mut("paths") {
        for item in paths.values_mut() {
            let Some(item) = item.as_object_mut() else { continue };
            for (key, op) in item.iter_mut() {
                if crate::merge::METHODS.contains(&key.as_str())
                    && let Some(op) = op.as_object_mut()
                {
                    op.entry("responses").or_insert_with(|| json!({}));
                }
            }
        }
    }
    walk(&mut doc);
    doc
}

fn drop_mutual_tls(doc: &mut Value) {
    let Some(Value::Object(schemes)) = doc.pointer_mut("/components/securitySchemes") else { return };
    let mtls: Vec<String> =
        schemes.iter().filter(|(_, s)| s.get("type") == Some(&json!("mutualTLS"))).map(|(k, _)| k.clone()).collect();
    if mtls.is_empty() {
        return;
    }
    for k in &mtls {
        schemes.remove(k);
    }
    let strip = |security: &mut Value| {
        if let Value::Array(reqs) = security {
            for r in reqs.iter_mut() {
                if let Value::Object(r) = r {
                    for k in &mtls {
                        r.remove(k);
                    }
                }
            }
        }
    };
    if let Some(s) = doc.get_mut("security") {
        strip(s);
    }
    if let Some(Value::Object(paths)) = doc.get_mut("paths") {
        for item in paths.values_mut().filter_map(Value::as_object_mut) {
            for op in item.values_mut().filter_map(Value::as_object_mut) {
                if let Some(s) = op.get_mut("security") {
                    strip(s);
                }
            }
        }
    }
}

fn walk(value: &mut Value) {
    match value {
        Value::Object(obj) => {
            rewrite_schema_keywords(obj);
            for (_, v) in obj.iter_mut() {
                walk(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(walk),
        _ => {}
    }
}

pub(crate) fn rewrite_schema_keywords(obj: &mut Map<String, Value>) {
    if let Some(Value::Array(types)) = obj.get("type").cloned() {
        let names: Vec<&str> = types.iter().filter_map(Value::as_str).collect();
        let non_null: Vec<&str> = names.iter().copied().filter(|t| *t != "null").collect();
        if names.contains(&"null") {
            obj.insert("nullable".into(), json!(true));
        }
        match non_null.as_slice() {
            [] => {
                obj.remove("type");
            }
            [one] => {
                obj.insert("type".into(), json!(one));
            }
            many => {
                obj.remove("type");
                obj.insert("anyOf".into(), Value::Array(many.iter().map(|t| json!({"type": t})).collect()));
            }
        }
    } else if obj.get("type").and_then(Value::as_str) == Some("null") {
        obj.remove("type");
        obj.insert("nullable".into(), json!(true));
    }
    for key in ["anyOf", "oneOf"] {
        let Some(Value::Array(members)) = obj.get(key) else { continue };
        let is_null = |m: &Value| m.get("type") == Some(&json!("null")) || m.get("type") == Some(&json!(["null"]));
        if !members.iter().any(is_null) {
            continue;
        }
        let rest: Vec<Value> = members.iter().filter(|m| !is_null(m)).cloned().collect();
        obj.insert("nullable".into(), json!(true));
        match rest.as_slice() {
            [Value::Object(only)] if !only.contains_key("$ref") => {
                obj.remove(key);
                for (k, v) in only {
                    obj.entry(k.clone()).or_insert_with(|| v.clone());
                }
            }
            [only] => {
                obj.remove(key);
                obj.insert("allOf".into(), json!([only]));
            }
            _ => {
                obj.insert(key.into(), Value::Array(rest));
            }
        }
    }
    if let Some(c) = obj.remove("const") {
        obj.insert("enum".into(), json!([c]));
    }
    for (exclusive, bound) in [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")] {
        if let Some(n) = obj.get(exclusive).filter(|v| v.is_number()).cloned() {
            obj.insert(bound.into(), n);
            obj.insert(exclusive.into(), json!(true));
        }
    }
    if let Some(Value::Array(examples)) = obj.get("examples").cloned() {
        obj.remove("examples");
        if let Some(first) = examples.into_iter().next() {
            obj.entry("example").or_insert(first);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_arrays_const_bounds_and_examples() {
        let doc = json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "webhooks": {},
            "components": {"schemas": {
                "A": {"type": ["string", "null"], "examples": ["x"]},
                "B": {"type": ["integer", "string"]},
                "C": {"const": "fixed"},
                "D": {"type": "number", "exclusiveMinimum": 0},
                "E": {"type": "null"},
            }},
            "paths": {"/a": {"get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"examples": {"one": {"value": 1}}}}}}}}}
        });
        let out = to_30(doc);
        let s = &out["components"]["schemas"];
        assert_eq!(s["A"], json!({"type": "string", "nullable": true, "example": "x"}));
        assert_eq!(s["B"], json!({"anyOf": [{"type": "integer"}, {"type": "string"}]}));
        assert_eq!(s["C"], json!({"enum": ["fixed"]}));
        assert_eq!(s["D"], json!({"type": "number", "minimum": 0, "exclusiveMinimum": true}));
        assert_eq!(s["E"], json!({"nullable": true}));
        assert!(out.get("webhooks").is_none());
        assert_eq!(out["openapi"], "3.0.3");
        // Media-type `examples` (a map) are left alone.
        assert_eq!(
            out["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["examples"]["one"]["value"],
            1
        );
    }

    #[test]
    fn null_members_of_any_of_become_nullable() {
        let doc = json!({"openapi": "3.1.0", "paths": {}, "components": {"schemas": {
            "A": {"anyOf": [{"type": "string", "format": "date-time"}, {"type": "null"}], "title": "Expires At"},
            "B": {"anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}]},
            "C": {"oneOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]},
        }}});
        let s = to_30(doc)["components"]["schemas"].clone();
        assert_eq!(s["A"], json!({"title": "Expires At", "nullable": true, "type": "string", "format": "date-time"}));
        assert_eq!(s["B"], json!({"nullable": true, "allOf": [{"$ref": "#/components/schemas/A"}]}));
        assert_eq!(s["C"], json!({"oneOf": [{"type": "string"}, {"type": "integer"}], "nullable": true}));
    }

    #[test]
    fn mutual_tls_and_missing_responses() {
        let doc = json!({"openapi": "3.1.0", "security": [{"mtls": [], "key": []}],
            "components": {"securitySchemes": {"mtls": {"type": "mutualTLS"}, "key": {"type": "apiKey", "in": "header", "name": "k"}}},
            "paths": {"/a": {"get": {"security": [{"mtls": []}]}}}});
        let out = to_30(doc);
        assert_eq!(
            out["components"]["securitySchemes"],
            json!({"key": {"type": "apiKey", "in": "header", "name": "k"}})
        );
        assert_eq!(out["security"], json!([{"key": []}]));
        assert_eq!(out["paths"]["/a"]["get"]["security"], json!([{}]));
        assert_eq!(out["paths"]["/a"]["get"]["responses"], json!({}));
    }

    #[test]
    fn missing_paths_become_empty() {
        assert_eq!(to_30(json!({"openapi": "3.1.0", "info": {}}))["paths"], json!({}));
    }
}
