//! The pure pipeline on in-memory specs: what the generated code says for each construct.

use apigen::config::Config;
use apigen::load::Source;
use serde_json::{Value, json};

fn spec(path: &str, method: &str, op: Value) -> Value {
    json!({
        "openapi": "3.0.3",
        "info": {"title": "Test API", "version": "2"},
        "servers": [{"url": "https://api.example.com/v2"}],
        "paths": {path: {method: op}}
    })
}

fn source(name: &str, value: &Value) -> Source {
    Source::new(name, serde_json::to_vec_pretty(value).unwrap())
}

fn generate(sources: &[Source]) -> std::collections::BTreeMap<String, String> {
    apigen::generate(&Config::default(), sources).unwrap_or_else(|d| panic!("{d}")).files
}

fn seed_sources() -> Vec<Source> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    apigen::load::read_dir(&dir).unwrap()
}

#[test]
fn read_only_fields_are_never_sent() {
    let op = json!({
        "operationId": "create_thing",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {
            "type": "object",
            "required": ["name"],
            "properties": {"id": {"type": "string", "readOnly": true}, "name": {"type": "string"}}
        }}}},
        "responses": {"204": {"description": "done"}}
    });
    let files = generate(&[source("a.json", &spec("/things", "post", op))]);
    let types: String = files["src/types.rs"].split_whitespace().collect();
    assert!(types.contains("#[serde(skip_serializing)]pubid:::std::option::Option<::std::string::String>,"), "{types}");
    assert!(types.contains("pubname:::std::string::String,"), "{types}");
}

#[test]
fn keywords_and_odd_property_names_keep_their_wire_names() {
    let op = json!({
        "operationId": "get_thing",
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
            "type": "object",
            "properties": {"type": {"type": "string"}, "self": {"type": "string"}, "x-rate": {"type": "integer"}, "9lives": {"type": "boolean"}}
        }}}}}
    });
    let types = &generate(&[source("a.json", &spec("/thing", "get", op))])["src/types.rs"];
    assert!(types.contains("pub r#type: ::std::option::Option<::std::string::String>"), "{types}");
    assert!(types.contains("rename = \"self\"") && types.contains("pub self_:"), "{types}");
    assert!(
        types.contains("rename = \"x-rate\"") && types.contains("pub x_rate: ::std::option::Option<i64>"),
        "{types}"
    );
    assert!(types.contains("rename = \"9lives\"") && types.contains("pub _9lives:"), "{types}");
    assert!(!types.contains("rename = \"type\""), "raw identifiers keep the wire name by themselves");
}

#[test]
fn the_seed_specs_give_one_type_per_shape() {
    let generated = apigen::generate(&Config::default(), &seed_sources()).unwrap();
    let names: Vec<&str> = generated.api.types.iter().map(|t| t.name.as_str()).collect();
    // Without the config's overrides: the rules alone.
    assert_eq!(
        names,
        [
            "Meta",
            "ApiKeyRecord",
            "ListApiKeysResponse",
            "ApiError",
            "ApiKeyCreateConfig",
            "CreateApiKeyResponseData",
            "CreateApiKeyResponse",
            "GetApiKeyResponse",
            "ApiKeyUpdateConfig",
        ]
    );
    let methods: Vec<&str> = generated.api.operations.iter().map(|o| o.method_name.as_str()).collect();
    assert_eq!(
        methods,
        ["list_api_keys", "create_api_key", "get_api_key", "update_api_key", "delete_api_key", "regen_api_key"]
    );
    // 24 error responses, one type.
    let error_type = names.iter().position(|n| *n == "ApiError").unwrap();
    assert_eq!(generated.api.types[error_type].origins.len(), 24);
    assert!(
        generated
            .api
            .operations
            .iter()
            .all(|o| { o.errors.iter().all(|e| e.ty == Some(apigen::ir::Ty::Named(error_type))) })
    );
}

#[test]
fn output_does_not_depend_on_input_order() {
    let mut sources = seed_sources();
    let forward = generate(&sources);
    sources.reverse();
    let backward = generate(&sources);
    sources.rotate_left(2);
    let rotated = generate(&sources);
    assert_eq!(forward, backward);
    assert_eq!(forward, rotated);
}

#[test]
fn yaml_and_json_specs_merge() {
    let a = spec("/a", "get", json!({"operationId": "get_a", "responses": {"204": {"description": "ok"}}}));
    let b = spec("/b", "get", json!({"operationId": "get_b", "responses": {"204": {"description": "ok"}}}));
    let yaml = serde_yaml::to_string(&b).unwrap();
    let files = generate(&[source("a.json", &a), Source::new("sub/b.yaml", yaml)]);
    let ops = &files["src/operations.rs"];
    assert!(ops.contains("pub fn get_a(") && ops.contains("pub fn get_b("), "{ops}");
}

#[test]
fn method_and_type_overrides_apply_and_stale_ones_are_errors() {
    let config = Config::parse(
        "apigen.toml",
        r#"
[methods]
v1_api_keys_appname_regen_put = "regenerate_api_key"
[types]
"/paths/~1api~1v1~1api-keys/get/responses/400/content/application~1json/schema" = "Problem"
"#,
    )
    .unwrap();
    let generated = apigen::generate(&config, &seed_sources()).unwrap();
    assert!(generated.api.operations.iter().any(|o| o.method_name == "regenerate_api_key"));
    assert!(generated.api.types.iter().any(|t| t.name == "Problem"));
    assert!(!generated.api.types.iter().any(|t| t.name == "ApiError"));

    let stale = Config::parse("apigen.toml", "[methods]\nno_such_op = \"x\"\n[types]\n\"/nowhere\" = \"X\"\n").unwrap();
    let text = apigen::generate(&stale, &seed_sources()).unwrap_err().to_string();
    assert!(text.contains("method override for unknown operationId \"no_such_op\""), "{text}");
    assert!(text.contains("type override for \"/nowhere\""), "{text}");
}

#[test]
fn allof_conflicts_are_reported_with_both_locations() {
    let op = json!({
        "operationId": "get_thing",
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"allOf": [
            {"type": "object", "properties": {"id": {"type": "integer"}}},
            {"type": "object", "properties": {"id": {"type": "string"}}}
        ]}}}}}
    });
    let err = apigen::generate(&Config::default(), &[source("thing.json", &spec("/thing", "get", op))]).unwrap_err();
    let text = err.to_string();
    let base = "thing.json#/paths/~1thing/get/responses/200/content/application~1json/schema/allOf";
    assert!(text.contains("allOf members cannot be merged: string here, integer in the other"), "{text}");
    assert!(text.contains(&format!("--> {base}/1/properties/id")), "{text}");
    assert!(text.contains(&format!("--> {base}/0/properties/id")), "{text}");
}

#[test]
fn every_problem_of_a_run_is_reported_together() {
    let bad_ref = spec(
        "/a",
        "get",
        json!({"operationId": "a", "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Missing"}}}}}}),
    );
    let one_of = spec(
        "/b",
        "get",
        json!({"operationId": "b", "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"not": {"type": "string"}}}}}}}),
    );
    let err = apigen::generate(
        &Config::default(),
        &[source("a.json", &bad_ref), source("b.json", &one_of), Source::new("c.json", "{")],
    )
    .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("--> c.json:1:1"), "syntax errors come first and stop the run: {text}");
    assert_eq!(err.len(), 1, "{text}");
    let err =
        apigen::generate(&Config::default(), &[source("a.json", &bad_ref), source("b.json", &one_of)]).unwrap_err();
    let text = err.to_string();
    assert_eq!(err.len(), 2, "{text}");
    assert!(text.contains("$ref \"#/components/schemas/Missing\" points at nothing"), "{text}");
    assert!(text.contains("`not` schemas are not supported yet"), "{text}");
}

#[test]
fn openapi_31_documents_are_read() {
    let doc = json!({
        "openapi": "3.1.0",
        "info": {"title": "Test API", "version": "2"},
        "paths": {"/thing": {"get": {"operationId": "get_thing", "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
            "type": "object",
            "required": ["id", "note"],
            "properties": {"id": {"type": "integer", "format": "int64"}, "note": {"type": ["string", "null"]}, "kind": {"const": "thing"}}
        }}}}}}}}
    });
    let generated = apigen::generate(&Config::default(), &[source("a.json", &doc)]).unwrap();
    let types: String = generated.files["src/types.rs"].split_whitespace().collect();
    assert!(types.contains("pubid:i64,"), "{types}");
    assert!(
        types.contains("pubnote:::std::option::Option<::std::string::String>,"),
        "nullable, so optional even though required: {types}"
    );
    assert_eq!(generated.api.operations[0].method_name, "get_thing");
}

/// Components that refer to each other many times over are converted once each: inlining them
/// would build 2^40 nodes here. (Stripe's spec has this shape.)
#[test]
fn shared_components_are_converted_once_not_inlined_exponentially() {
    let mut schemas = serde_json::Map::new();
    for i in 0..40 {
        let next = json!({"$ref": format!("#/components/schemas/C{}", i + 1)});
        schemas.insert(
            format!("C{i}"),
            json!({"type": "object", "properties": {"a": next, "b": next, "c": {"anyOf": [next, {"type": "string"}]}}}),
        );
    }
    schemas.insert("C40".into(), json!({"type": "object", "properties": {"leaf": {"type": "string"}}}));
    let op = json!({"operationId": "get", "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/C0"}}}}}});
    let mut doc = spec("/x", "get", op);
    doc["components"] = json!({"schemas": schemas});
    let generated = apigen::generate(&Config::default(), &[source("a.json", &doc)]).unwrap();
    let names: Vec<&str> = generated.api.types.iter().map(|t| t.name.as_str()).collect();
    assert!(names.contains(&"C0") && names.contains(&"C40"), "{names:?}");
    // And the drift report over the same spec terminates too.
    assert!(apigen::drift::diff(&doc, &doc).unwrap().is_empty());
}

/// The fast merge (repeats scanned, not parsed; one validation of the merged document) gives
/// exactly what parsing every file whole and checking each one gives.
#[test]
fn the_fast_merge_equals_the_per_file_merge() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut sets = vec![seed_sources()];
    for fixture in ["params", "auth", "vectara", "fastapi"] {
        sets.push(apigen::load::read_dir(&fixtures.join(fixture).join("specs")).unwrap());
    }
    for sources in sets {
        let whole: Vec<(String, Value)> =
            sources.iter().map(|s| (s.name.clone(), apigen::load::parse(s).unwrap())).collect();
        let slow = apigen::merge::merge(&whole).unwrap();
        let fast = apigen::merge_sources(&sources).unwrap();
        assert_eq!(fast.doc, slow.doc, "{}", sources[0].name);
        assert_eq!(fast.spec, slow.spec, "{}", sources[0].name);
    }
}

#[test]
fn items_beside_a_union_give_the_items_of_its_open_array_members() {
    // Docker's `Cmd`: a string or a list, with the list's items beside the `oneOf`.
    let op = json!({
        "operationId": "get_cmd",
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
            "title": "Command",
            "items": {"type": "string"},
            "oneOf": [{"type": "array", "items": {}}, {"type": "string"}, {"type": "array", "items": {"type": "integer"}}]
        }}}}}
    });
    let types: String =
        generate(&[source("a.json", &spec("/cmd", "get", op))])["src/types.rs"].split_whitespace().collect();
    assert!(types.contains("pubenumCommand{"), "{types}");
    assert!(
        types.contains("(::std::vec::Vec<::std::string::String>),"),
        "open items take the sibling `items`: {types}"
    );
    assert!(types.contains("(::std::vec::Vec<i64>),"), "a member's own items stay: {types}");
    assert!(!types.contains("Vec<::serde_json::Value>"), "{types}");
}

#[test]
fn a_document_without_operations_gives_its_component_types() {
    let doc = json!({
        "openapi": "3.0.3",
        "info": {"title": "Only Schemas", "version": "1"},
        "paths": {},
        "components": {"schemas": {
            "Pet": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}},
            "Kind": {"type": "string", "enum": ["cat", "dog"]}
        }}
    });
    let files = generate(&[source("a.json", &doc)]);
    let types = &files["src/types.rs"];
    assert!(types.contains("pub struct Pet {") && types.contains("pub enum Kind {"), "{types}");
    assert!(!files["src/operations.rs"].contains("impl Client"), "{}", files["src/operations.rs"]);
    assert!(!files["src/client.rs"].contains("fn new_request"), "no operation builds a request");
    assert!(files["README.md"].contains("The spec defines no operations"));
}

#[test]
fn path_items_and_schemas_can_be_referenced_where_they_are_defined() {
    let doc = json!({
        "openapi": "3.0.3",
        "info": {"title": "Refs", "version": "1"},
        "paths": {
            "/source": {"post": {
                "operationId": "post_source",
                "requestBody": {"content": {"application/json": {"schema": {
                    "type": "object", "properties": {"offset": {"title": "Offset", "type": "object", "properties": {"minutes": {"type": "integer"}}}}
                }}}},
                "responses": {"204": {"description": "ok"}}
            }},
            "/copy": {"$ref": "#/paths/~1source"},
            "/other": {"get": {
                "operationId": "get_other",
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
                    "$ref": "#/paths/~1source/post/requestBody/content/application~1json/schema/properties/offset"
                }}}}}
            }}
        }
    });
    let files = generate(&[source("a.json", &doc)]);
    let ops: String = files["src/operations.rs"].split_whitespace().collect();
    // `/copy` has `/source`'s operation again (named apart), at its own path.
    assert!(ops.contains("PathPart::Literal(\"/copy\")") && ops.contains("PathPart::Literal(\"/source\")"), "{ops}");
    assert!(ops.contains("Result<types::Offset,Error<GetOtherError>>"), "{ops}");
    assert_eq!(files["src/types.rs"].matches("pub struct Offset {").count(), 1);
}

#[test]
fn a_component_keeps_its_key_as_name_over_an_inline_title() {
    let doc = json!({
        "openapi": "3.0.3",
        "info": {"title": "Names", "version": "1"},
        "paths": {
            "/a": {"get": {
                "operationId": "get_a",
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
                    "title": "Point", "type": "object", "properties": {"lat": {"type": "number"}}
                }}}}}
            }},
            "/b": {"get": {
                "operationId": "get_b",
                "parameters": [{"in": "header", "name": "X-Origin", "schema": {"$ref": "#/components/schemas/Point"}}],
                "responses": {"204": {"description": "ok"}}
            }}
        },
        "components": {"schemas": {"Point": {"type": "object", "properties": {"x": {"type": "integer"}}}}}
    });
    let types: String = generate(&[source("a.json", &doc)])["src/types.rs"].split_whitespace().collect();
    assert!(
        types.contains("pubstructPoint{#[serde(skip_serializing_if=\"::std::option::Option::is_none\")]pubx:"),
        "{types}"
    );
    assert!(!types.contains("GetBXOrigin"), "{types}");
}

#[test]
fn tag_features_gate_operations_and_the_types_only_they_use() {
    let pet = json!({"title": "Pet", "type": "object", "properties": {"name": {"type": "string"}, "owner": {"title": "Owner", "type": "object", "properties": {"id": {"type": "integer"}}}}});
    let shared = json!({"title": "Problem", "type": "object", "properties": {"detail": {"type": "string"}}});
    let ok = |schema: &Value| json!({"200": {"description": "ok", "content": {"application/json": {"schema": schema}}}, "400": {"description": "bad", "content": {"application/json": {"schema": shared}}}});
    let doc = json!({
        "openapi": "3.0.3",
        "info": {"title": "Tags", "version": "1"},
        "paths": {
            "/pets": {"get": {"operationId": "list_pets", "tags": ["Pet Store"], "responses": ok(&json!({"type": "array", "items": pet}))}},
            "/health": {"get": {"operationId": "health", "responses": ok(&json!({"type": "string"}))}},
            "/both": {"get": {"operationId": "both", "tags": ["Pet Store", "admin"], "responses": {"204": {"description": "ok"}}}}
        }
    });
    let mut config = Config::default();
    config.features.tags = true;
    let files = apigen::generate(&config, &[source("a.json", &doc)]).unwrap_or_else(|d| panic!("{d}")).files;
    let manifest = &files["Cargo.toml"];
    assert!(manifest.contains("[features]\ndefault = [\"full\"]\nfull = [\"pet-store\", \"admin\"]\n"), "{manifest}");
    let ops: String = files["src/operations.rs"].split_whitespace().collect();
    assert!(ops.contains("#[cfg(feature=\"pet-store\")]pubfnlist_pets("), "{ops}");
    assert!(ops.contains("#[cfg(any(feature=\"pet-store\",feature=\"admin\"))]pubfnboth("), "{ops}");
    // The operation's request builder and its impls are gated alike.
    assert!(ops.contains("#[cfg(feature=\"pet-store\")]#[must_use"), "{ops}");
    assert!(ops.contains("#[cfg(feature=\"pet-store\")]impl<'a>ListPetsRequest<'a>{"), "{ops}");
    assert!(
        ops.contains("#[cfg(feature=\"pet-store\")]impl<'a>::std::future::IntoFutureforListPetsRequest<'a>{"),
        "{ops}"
    );
    assert!(ops.contains("`GET/health`(operationId`health`)"), "{ops}");
    assert!(!ops.contains("cfg(feature=\"pet-store\")]pubfnhealth"), "an untagged operation is always there");
    let types: String = files["src/types.rs"].split_whitespace().collect();
    // Reached only from a tagged operation, directly or through a field: gated.
    assert!(
        types.contains(
            "#[cfg(feature=\"pet-store\")]#[derive(Clone,Debug,Default,PartialEq,::serde::Serialize)]pubstructPet{"
        ),
        "{types}"
    );
    assert!(types.contains("#[cfg(feature=\"pet-store\")]impl<'de>::serde::Deserialize<'de>forOwner"), "{types}");
    // Also used by the untagged operation: always there.
    assert!(
        !types.contains(
            "cfg(feature=\"pet-store\")]#[derive(Clone,Debug,Default,PartialEq,::serde::Serialize)]pubstructProblem"
        ),
        "{types}"
    );
    assert!(types.contains("pubstructProblem{"), "{types}");
    assert!(files["src/lib.rs"].contains("#![cfg_attr(not(feature = \"full\"), allow(dead_code, unused_imports))]"));
}

#[test]
fn an_operation_server_other_than_the_documents_is_used_on_the_default_base_url() {
    let mut doc = spec(
        "/assets",
        "post",
        json!({"operationId": "upload_asset", "servers": [{"url": "https://uploads.example.com"}], "responses": {"204": {"description": "ok"}}}),
    );
    doc["paths"]["/same"] = json!({"get": {"operationId": "same", "servers": [{"url": "https://api.example.com/v2"}], "responses": {"204": {"description": "ok"}}}});
    let files = generate(&[source("a.json", &doc)]);
    let ops: String = files["src/operations.rs"].split_whitespace().collect();
    assert!(ops.contains(".new_request_at(::reqwest::Method::POST,\"https://uploads.example.com\","), "{ops}");
    // The document's own server is no server of its own.
    assert!(ops.contains(".new_request(::reqwest::Method::GET,&[PathPart::Literal(\"/same\")]"), "{ops}");
    let client = &files["src/client.rs"];
    assert!(client.contains("let spec_servers = base == DEFAULT_BASE_URL;"), "{client}");
}

#[test]
fn error_enums_and_string_enums_are_non_exhaustive() {
    let state = json!({"title": "State", "type": "string", "enum": ["open", "closed"]});
    let op = json!({"operationId": "get_a", "responses": {
        "200": {"description": "ok", "content": {"application/json": {"schema": state}}},
        "404": {"description": "missing"}
    }});
    let files = generate(&[source("a.json", &spec("/a", "get", op))]);
    // A status or a value the spec documents later is a new variant: callers need a `_` arm.
    assert!(files["src/errors.rs"].contains("#[non_exhaustive]\npub enum GetAError {"), "{}", files["src/errors.rs"]);
    assert!(files["src/types.rs"].contains("#[non_exhaustive]\npub enum State {"), "{}", files["src/types.rs"]);
}
