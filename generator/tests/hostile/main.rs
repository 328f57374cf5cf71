//! Hostile input: every kind of bad spec is a located diagnostic, never a panic.
//!
//! One test binary, one module per class of hostile input, sharing the helpers below.

mod checks;
mod files;
mod refs;
mod text;

use apigen::config::Config;
use apigen::load::Source;
use serde_json::{Value, json};

pub(crate) fn doc(paths: Value) -> Value {
    json!({"openapi": "3.0.0", "info": {"title": "T", "version": "1"}, "paths": paths})
}

pub(crate) fn ok_op(id: &str) -> Value {
    json!({"operationId": id, "responses": {"204": {"description": "ok"}}})
}

pub(crate) fn json_source(name: &str, v: &Value) -> Source {
    Source::new(name, serde_json::to_vec(v).unwrap())
}

/// The report of a failed generation.
pub(crate) fn errors(sources: &[Source]) -> String {
    match apigen::generate(&Config::default(), sources) {
        Ok(_) => panic!("expected an error"),
        Err(d) => d.to_string(),
    }
}

pub(crate) fn assert_has(report: &str, needles: &[&str]) {
    for n in needles {
        assert!(report.contains(n), "missing {n:?} in:\n{report}");
    }
}

#[test]
fn syntax_errors_have_line_and_column() {
    assert_has(&errors(&[Source::new("a.json", "{\n  \"openapi\": 3.0.0\n}")]), &["invalid JSON", "--> a.json:2:"]);
    assert_has(&errors(&[Source::new("a.yaml", "openapi: 3.0.0\npaths: [\n")]), &["invalid YAML", "--> a.yaml:"]);
}

#[test]
fn empty_files_non_objects_and_non_utf8() {
    assert_has(&errors(&[Source::new("a.json", "")]), &["file is empty", "--> a.json"]);
    assert_has(
        &errors(&[Source::new("a.yaml", "- 1\n- 2\n")]),
        &["expected an OpenAPI document (a JSON object), found an array"],
    );
    assert_has(&errors(&[Source::new("a.json", "\"text\"")]), &["found a string"]);
    assert_has(
        &errors(&[Source::new("a.json", b"{\"openapi\": \"3.0.0\xc3\x28\"}".to_vec())]),
        &["not valid UTF-8", "a.json:1:"],
    );
}

#[test]
fn missing_unsupported_and_swagger_versions() {
    assert_has(
        &errors(&[json_source("a.json", &json!({"info": {}, "paths": {}}))]),
        &["missing `openapi` version field"],
    );
    assert_has(
        &errors(&[json_source("a.json", &json!({"openapi": "4.0.0", "paths": {}}))]),
        &["unsupported OpenAPI version \"4.0.0\"", "a.json#/openapi"],
    );
    assert_has(
        &errors(&[json_source("a.json", &json!({"openapi": 3, "paths": {}}))]),
        &["`openapi` must be a string, found a number"],
    );
    assert_has(
        &errors(&[json_source("a.json", &json!({"swagger": "1.2", "paths": {}}))]),
        &["Swagger \"1.2\" documents are not supported", "Swagger 2.0 and OpenAPI 3.0 and 3.1 are read"],
    );
}

#[test]
fn dangling_external_and_looping_refs() {
    let schema_ref = |r: &str| {
        doc(
            json!({"/a": {"get": {"operationId": "a", "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": r}}}}}}}}),
        )
    };
    assert_has(
        &errors(&[json_source("a.json", &schema_ref("#/components/schemas/Nope"))]),
        &[
            "$ref \"#/components/schemas/Nope\" points at nothing",
            "a.json#/paths/~1a/get/responses/200/content/application~1json/schema",
        ],
    );
    assert_has(
        &errors(&[json_source("a.json", &schema_ref("missing.json#/components/schemas/X"))]),
        &["external $ref \"missing.json#/components/schemas/X\" (to file \"missing.json\")"],
    );

    // A loop through parameters: A → B → A.
    let mut looping = doc(
        json!({"/a": {"get": {"operationId": "a", "parameters": [{"$ref": "#/components/parameters/A"}], "responses": {"204": {"description": "ok"}}}}}),
    );
    looping["components"] =
        json!({"parameters": {"A": {"$ref": "#/components/parameters/B"}, "B": {"$ref": "#/components/parameters/A"}}});
    assert_has(
        &errors(&[json_source("a.json", &looping)]),
        &["a.json#/paths/~1a/get/parameters/0", "$ref cycle #/components/parameters/A → #/components/parameters/B"],
    );

    // A recursive schema is no loop for the resolver: the type refers to itself through a Box.
    let mut recursive = schema_ref("#/components/schemas/Node");
    recursive["components"] =
        json!({"schemas": {"Node": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/Node"}}}}});
    let generated = apigen::generate(&Config::default(), &[json_source("a.json", &recursive)]).unwrap();
    let types: String = generated.files["src/types.rs"].split_whitespace().collect();
    assert!(types.contains("pubnext:::std::option::Option<::std::boxed::Box<crate::types::Node>>"), "{types}");
    // Recursion through arrays only (`A = [A]`) has no struct to hold it: any JSON.
    let mut arrays = schema_ref("#/components/schemas/A");
    arrays["components"] = json!({"schemas": {"A": {"type": "array", "items": {"$ref": "#/components/schemas/A"}}}});
    let generated = apigen::generate(&Config::default(), &[json_source("a.json", &arrays)]).unwrap();
    assert!(
        generated.files["src/operations.rs"].contains("Vec<::serde_json::Value>"),
        "{}",
        generated.files["src/operations.rs"]
    );
}

#[test]
fn conflicting_duplicates_and_duplicate_operation_ids() {
    let a = doc(json!({"/x": {"get": ok_op("x")}}));
    let mut b = a.clone();
    b["paths"]["/x"]["get"]["summary"] = json!("changed");
    assert_has(
        &errors(&[json_source("a.json", &a), json_source("b.json", &b)]),
        &["defined differently in two files", "b.json#/paths/~1x/get/summary", "a.json#/paths/~1x/get/summary"],
    );
    let c = doc(json!({"/y": {"get": ok_op("x")}}));
    assert_has(
        &errors(&[json_source("a.json", &a), json_source("c.json", &c)]),
        &["operationId \"x\" is used by two operations"],
    );
}

#[test]
fn names_that_collide_after_sanitising_are_numbered() {
    let op = json!({"operationId": "get_thing", "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
        "type": "object",
        "properties": {"a-b": {"type": "string"}, "a_b": {"type": "string"}, "A B": {"type": "string"}}
    }}}}}});
    let generated =
        apigen::generate(&Config::default(), &[json_source("a.json", &doc(json!({"/t": {"get": op}})))]).unwrap();
    let fields: Vec<(&str, &str)> =
        generated.api.types[0].fields().unwrap().iter().map(|f| (f.wire.as_str(), f.name.raw())).collect();
    assert_eq!(fields, [("a-b", "a_b"), ("a_b", "a_b_2"), ("A B", "a_b_3")]);
    // Two operations whose names collide.
    let ops = doc(
        json!({"/a": {"get": {"summary": "Get it", "responses": {"204": {"description": "ok"}}}}, "/b": {"get": {"summary": "Get it", "responses": {"204": {"description": "ok"}}}}}),
    );
    let generated = apigen::generate(&Config::default(), &[json_source("a.json", &ops)]).unwrap();
    let names: Vec<&str> = generated.api.operations.iter().map(|o| o.names.method.raw()).collect();
    assert_eq!(names, ["get_it", "get_it_2"]);
}

#[test]
fn schemas_nested_thousands_deep_do_not_overflow_the_stack() {
    // The text is written by hand: a `Value` this deep could not even be dropped without recursion.
    let mut text = String::from(
        r#"{"openapi":"3.0.0","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":"#,
    );
    for _ in 0..3000 {
        text.push_str(r#"{"type":"object","properties":{"a":"#);
    }
    text.push_str(r#"{"type":"string"}"#);
    text.push_str(&"}}".repeat(3000));
    text.push_str("}}}}}}}}");
    assert_has(&errors(&[Source::new("deep.json", text)]), &["recursion limit exceeded", "--> deep.json:1:"]);

    // Within the parser's limits, nesting can still grow through chains of references: the
    // resolver's own limit stops that (C0 → C1 → ... → C999).
    let mut schemas = serde_json::Map::new();
    for i in 0..1000 {
        schemas.insert(
            format!("C{i}"),
            json!({"type": "array", "items": {"$ref": format!("#/components/schemas/C{}", i + 1)}}),
        );
    }
    schemas.insert("C1000".into(), json!({"type": "string"}));
    let op = json!({"operationId": "a", "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/C0"}}}}}});
    let mut chain = doc(json!({"/a": {"get": op}}));
    chain["components"] = json!({"schemas": schemas});
    let report = errors(&[json_source("a.json", &chain)]);
    assert_has(&report, &["nests more than 512 levels", "--> a.json#/components/schemas/C"]);
}

#[test]
fn unsupported_constructs_are_located_not_miscompiled() {
    let op = json!({"operationId": "a", "parameters": [{"in": "header", "name": "c", "content": {"text/plain": {}}}],
        "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {"x": {"oneOf": [{"type": "string"}], "properties": {"y": {"type": "string"}}, "items": {"type": "string"}}}}}}},
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"oneOf": [{"type": "string"}], "anyOf": [{"type": "integer"}]}}}}}});
    let report = errors(&[json_source("a.json", &doc(json!({"/a": {"post": op}})))]);
    assert_has(
        &report,
        &[
            "a parameter's `content` needs one media type with a schema",
            "`oneOf of non-objects beside properties` schemas are not supported yet",
            "`oneOf together with anyOf` schemas are not supported yet",
            "generation failed with 3 errors",
        ],
    );
}

#[test]
fn path_templates_and_parameters_must_agree() {
    let op = json!({"operationId": "a", "parameters": [{"in": "path", "name": "other", "required": true, "schema": {"type": "string"}}], "responses": {"204": {"description": "ok"}}});
    let report = errors(&[json_source("a.json", &doc(json!({"/a/{id}": {"get": op}})))]);
    assert_has(
        &report,
        &[
            "path parameter {id} in `/a/{id}` is not declared",
            "path parameter \"other\" is declared but not in the path",
        ],
    );
}

#[test]
fn invalid_structure_is_located() {
    let report =
        errors(&[json_source("a.json", &doc(json!({"/a": {"get": {"responses": {"200": {"description": 5}}}}})))]);
    assert_has(&report, &["not a valid OpenAPI 3.0 document", "a.json#/paths/~1a/get/responses"]);
    // A 3.1 document is read in 3.0 form, but its errors name the version it says.
    let mut v31 = doc(json!({"/a": {"get": {"responses": {"200": {"description": 5}}}}}));
    v31["openapi"] = json!("3.1.0");
    let report = errors(&[json_source("a.json", &v31)]);
    assert_has(&report, &["not a valid OpenAPI 3.1 document", "a.json#/paths/~1a/get/responses"]);
}
