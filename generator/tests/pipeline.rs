//! The pure pipeline on in-memory specs: what the generated code says for each construct. A rule
//! whose output can be shown whole has a snapshot case in `tests/cases/` instead (see `cases.rs`).

use apigen::config::Config;
use apigen::ir::{ParamIn, Ty};
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
    let methods: Vec<&str> = generated.api.operations.iter().map(|o| o.names.method.raw()).collect();
    assert_eq!(
        methods,
        ["list_api_keys", "create_api_key", "get_api_key", "update_api_key", "delete_api_key", "regen_api_key"]
    );
    // 24 error responses, one type.
    let error_type = apigen::ir::TypeId::new(names.iter().position(|n| *n == "ApiError").unwrap());
    assert_eq!(generated.api.ty(error_type).origins.len(), 24);
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
    let yaml = serde_norway::to_string(&b).unwrap();
    let files = generate(&[source("a.json", &a), Source::new("sub/b.yaml", yaml)]);
    let ops = &files["src/operations.rs"];
    assert!(ops.contains("pub fn get_a(") && ops.contains("pub fn get_b("), "{ops}");
}

#[test]
fn method_and_type_overrides_apply() {
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
    assert!(generated.api.operations.iter().any(|o| o.names.method == "regenerate_api_key"));
    assert!(generated.api.types.iter().any(|t| t.name == "Problem"));
    assert!(!generated.api.types.iter().any(|t| t.name == "ApiError"));
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
fn path_item_parameters_are_overridden_by_name_and_location() {
    let doc = json!({
        "openapi": "3.0.3",
        "info": {"title": "Params", "version": "1"},
        "paths": {"/a": {
            "parameters": [
                {"in": "query", "name": "limit", "required": true, "schema": {"type": "integer"}},
                {"in": "query", "name": "q", "schema": {"type": "integer"}},
                {"in": "header", "name": "X-Trace", "schema": {"type": "integer"}}
            ],
            "get": {
                "parameters": [
                    {"in": "header", "name": "limit", "required": true, "schema": {"type": "string"}},
                    {"in": "query", "name": "q", "required": true, "schema": {"type": "string"}},
                    {"in": "header", "name": "x-trace", "schema": {"type": "string"}}
                ],
                "responses": {"204": {"description": "ok"}}
            }
        }}
    });
    let api = apigen::generate(&Config::default(), &[source("a.json", &doc)]).unwrap_or_else(|d| panic!("{d}")).api;
    let params: Vec<(&str, ParamIn, bool, &Ty)> =
        api.operations[0].params.iter().map(|p| (p.wire.as_str(), p.location, p.required, &p.ty)).collect();
    // The header `limit` is a parameter of its own; the operation's `q` and `x-trace` (header names
    // are case-insensitive) take the place of the path item's.
    assert_eq!(
        params,
        [
            ("limit", ParamIn::Query, true, &Ty::I64),
            ("q", ParamIn::Query, true, &Ty::String),
            ("x-trace", ParamIn::Header, false, &Ty::String),
            ("limit", ParamIn::Header, true, &Ty::String),
        ]
    );
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
            "#[cfg(feature=\"pet-store\")]#[derive(Clone,Debug,Default,PartialEq)]#[non_exhaustive]pubstructPet{"
        ),
        "{types}"
    );
    assert!(types.contains("#[cfg(feature=\"pet-store\")]impl<'de>::serde::Deserialize<'de>forOwner"), "{types}");
    assert!(types.contains("#[cfg(feature=\"pet-store\")]impl::serde::SerializeforOwner"), "{types}");
    assert!(types.contains("#[cfg(feature=\"pet-store\")]implOwner{"), "{types}");
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
fn a_tag_named_like_the_crates_own_features_gets_another_feature_name() {
    let op = |id: &str, tag: &str| json!({"get": {"operationId": id, "tags": [tag], "responses": {"204": {"description": "ok"}}}});
    let doc = json!({
        "openapi": "3.0.3",
        "info": {"title": "Tags", "version": "1"},
        "paths": {"/a": op("a", "Tracing"), "/b": op("b", "full"), "/c": op("c", "default"), "/d": op("d", "Middleware")}
    });
    let mut config = Config::default();
    config.features.tags = true;
    let files = apigen::generate(&config, &[source("a.json", &doc)]).unwrap_or_else(|d| panic!("{d}")).files;
    let manifest = &files["Cargo.toml"];
    assert!(manifest.contains("full = [\"tracing-2\", \"full-2\", \"default-2\", \"middleware-2\"]\n"), "{manifest}");
    assert!(manifest.contains("\ntracing = [\"dep:tracing\"]\n"), "{manifest}");
    assert!(manifest.contains("\nmiddleware = [\"dep:reqwest-middleware\"]\n"), "{manifest}");
    let ops: String = files["src/operations.rs"].split_whitespace().collect();
    assert!(ops.contains("#[cfg(feature=\"tracing-2\")]pubfna("), "{ops}");
}

#[test]
fn the_manifest_takes_the_specs_license_and_records_the_generator_version() {
    let mut doc = spec("/a", "get", json!({"operationId": "a", "responses": {"204": {"description": "ok"}}}));
    doc["info"]["license"] = json!({"name": "Apache-2.0"});
    let manifest = generate(&[source("a.json", &doc)])["Cargo.toml"].clone();
    assert!(manifest.contains("\nlicense = \"Apache-2.0\"\n"), "{manifest}");
    assert!(manifest.contains("\npublish = false\n"), "{manifest}");
    let metadata = format!("[package.metadata.apigen]\nversion = \"{}\"\n", apigen::VERSION);
    assert!(manifest.contains(&metadata), "{manifest}");
    // A license that is not an SPDX expression is not the crate's.
    doc["info"]["license"] = json!({"name": "Proprietary, see the website"});
    let manifest = generate(&[source("a.json", &doc)])["Cargo.toml"].clone();
    assert!(!manifest.contains("license"), "{manifest}");
}

#[test]
fn package_keys_of_the_config_are_checked_at_their_line() {
    let config =
        Config::parse("apigen.toml", "[package]\nedition = \"2022\"\nkeywords = [\"a b\"]\nrust-version = \"1\"\n")
            .unwrap();
    let doc = spec("/a", "get", json!({"operationId": "a", "responses": {"204": {"description": "ok"}}}));
    let err = apigen::generate(&config, &[source("a.json", &doc)]).unwrap_err().to_string();
    for expected in ["apigen.toml:2:1", "edition \"2022\"", "apigen.toml:3:1", "keyword \"a b\"", "apigen.toml:4:1"] {
        assert!(err.contains(expected), "{expected}: {err}");
    }
}

#[test]
fn a_crate_without_operations_names_no_feature_it_does_not_declare() {
    // Types only (a spec of components): no `tracing` or `middleware` feature is declared, so no
    // code may be conditional on one (rustc warns of an unexpected `cfg` value).
    let doc = json!({
        "openapi": "3.0.3",
        "info": {"title": "Types", "version": "1"},
        "paths": {},
        "components": {"schemas": {"Pet": {"type": "object", "properties": {"name": {"type": "string"}}}}}
    });
    let files = generate(&[source("a.json", &doc)]);
    assert!(!files["Cargo.toml"].contains("[features]"), "{}", files["Cargo.toml"]);
    for (path, text) in files.iter().filter(|(p, _)| p.ends_with(".rs")) {
        assert!(!text.contains("feature = "), "{path} is conditional on a feature:\n{text}");
    }
}

#[test]
fn a_form_whose_only_types_are_in_its_parts_imports_them() {
    // The form struct is in operations.rs; its JSON part is a type of `types`.
    let object = json!({"type": "object", "properties": {"a": {"type": "string"}}});
    let doc = spec(
        "/upload",
        "post",
        json!({
            "operationId": "upload",
            "requestBody": {"content": {"multipart/form-data": {"schema": {
                "type": "object",
                "properties": {"meta": object, "name": {"type": "string"}}
            }}}},
            "responses": {"204": {"description": "ok"}}
        }),
    );
    let files = generate(&[source("a.json", &doc)]);
    let operations = &files["src/operations.rs"];
    assert!(operations.contains("pub meta: Option<types::"), "{operations}");
    assert!(operations.contains("use crate::{Client, Error, types};"), "{operations}");
}
