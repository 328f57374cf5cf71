//! Property-based tests: random per-operation documents never make the generator panic, and
//! whenever it succeeds, every file it emits parses (Rust with syn, the manifest as TOML).

use apigen::config::Config;
use apigen::load::Source;
use proptest::prelude::*;
use serde_json::{Map, Value, json};

/// Names that stress sanitising: keywords, symbols, digits, non-ASCII, near-collisions.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("type".to_string()),
        Just("self".to_string()),
        Just("Self".to_string()),
        Just("a-b".to_string()),
        Just("a_b".to_string()),
        Just("9lives".to_string()),
        Just("ünïcødé".to_string()),
        Just("".to_string()),
        Just("$ref".to_string()),
        Just("Option".to_string()),
        Just("Result".to_string()),
        "[a-zA-Z_][a-zA-Z0-9_ .-]{0,12}",
        any::<String>().prop_map(|s| s.chars().take(10).collect()),
    ]
}

/// Mostly valid leaves, with some junk mixed in (weights: valid 8-10, junk 1).
fn leaf_schema() -> impl Strategy<Value = Value> {
    prop_oneof![
        6 => Just(json!({})),
        10 => Just(json!({"type": "string"})),
        6 => Just(json!({"type": "string", "enum": ["a", "b"]})),
        8 => Just(json!({"type": "integer", "format": "int32"})),
        8 => Just(json!({"type": "integer", "format": "int64"})),
        6 => Just(json!({"type": "integer"})),
        6 => Just(json!({"type": "number"})),
        4 => Just(json!({"type": "number", "format": "float"})),
        6 => Just(json!({"type": "boolean", "nullable": true})),
        4 => Just(json!({"type": "object"})),
        6 => Just(json!({"$ref": "#/components/schemas/Shared"})),
        1 => Just(json!({"type": "bogus"})),
        1 => Just(json!({"$ref": "#/components/schemas/Missing"})),
        1 => Just(json!({"oneOf": [{"type": "string"}]})),
        1 => Just(json!(5)),
        1 => Just(json!(null)),
    ]
}

fn schema() -> impl Strategy<Value = Value> {
    leaf_schema().prop_recursive(4, 32, 5, |inner| {
        prop_oneof![
            4 => (proptest::collection::vec((name(), inner.clone()), 0..5), proptest::collection::vec(name(), 0..3), any::<bool>(), any::<bool>())
                .prop_map(|(props, required, read_only, extra)| {
                    let props: Map<String, Value> = props.into_iter().collect();
                    let mut s = json!({"type": "object", "properties": props, "required": required});
                    if read_only {
                        s["readOnly"] = json!(true);
                    }
                    if extra {
                        s["additionalProperties"] = json!(false);
                    }
                    s
                }),
            2 => inner.clone().prop_map(|items| json!({"type": "array", "items": items})),
            1 => inner.clone().prop_map(|v| json!({"type": "object", "additionalProperties": v})),
            2 => proptest::collection::vec(inner.clone(), 1..4).prop_map(|members| json!({"allOf": members})),
            1 => (proptest::collection::vec(inner.clone(), 1..3), any::<Option<String>>())
                .prop_map(|(members, d)| json!({"type": "object", "description": d, "allOf": members})),
        ]
    })
}

fn error_status() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("400".to_string()),
        Just("404".to_string()),
        Just("4XX".to_string()),
        Just("default".to_string()),
        (300u16..600).prop_map(|c| c.to_string()),
        Just("abc".to_string()),
    ]
}

fn response() -> impl Strategy<Value = Value> {
    prop_oneof![
        6 => Just(json!({"description": "empty"})),
        10 => schema().prop_map(|s| json!({"description": "json", "content": {"application/json": {"schema": s}}})),
        1 => Just(json!({"description": "text", "content": {"text/plain": {"schema": {"type": "string"}}}})),
        1 => Just(json!({"$ref": "#/components/responses/Nope"})),
    ]
}

fn param_schema() -> impl Strategy<Value = Value> {
    prop_oneof![
        10 => Just(json!({"type": "string"})),
        6 => Just(json!({"type": "integer", "format": "int64"})),
        4 => Just(json!({"type": "boolean"})),
        4 => Just(json!({"type": "array", "items": {"type": "string"}})),
        1 => Just(json!({})),
        1 => Just(json!({"type": "object"})),
    ]
}

fn parameter() -> impl Strategy<Value = Value> {
    (prop_oneof![8 => Just("query"), 4 => Just("header"), 1 => Just("cookie")], name(), any::<bool>(), param_schema())
        .prop_map(|(place, name, required, schema)| json!({"in": place, "name": name, "required": required, "schema": schema}))
}

fn operation() -> impl Strategy<Value = (String, String, Value)> {
    let segments = proptest::collection::vec(
        prop_oneof![4 => "[a-z][a-z0-9-]{0,8}", 2 => Just("{id}".to_string()), 1 => Just("{name}.json".to_string()), 1 => name()],
        0..4,
    );
    let method = prop_oneof![Just("get"), Just("put"), Just("post"), Just("delete"), Just("patch")];
    (
        segments,
        method,
        proptest::option::of(name()),
        proptest::option::of(name()),
        proptest::collection::vec(parameter(), 0..3),
        proptest::option::of(schema()),
        (prop_oneof![Just("200"), Just("201"), Just("204"), Just("2XX")], response()),
        proptest::collection::vec((error_status(), response()), 0..4),
        any::<bool>(),
    )
        .prop_map(|(segments, method, id, summary, mut params, body, success, errors, secured)| {
            let path = format!("/{}", segments.join("/"));
            // Declare the template's path parameters, as a valid document does.
            for p in ["id", "name"] {
                if path.contains(&format!("{{{p}}}")) {
                    params.push(json!({"in": "path", "name": p, "required": true, "schema": {"type": "string"}}));
                }
            }
            let mut responses: Map<String, Value> = errors.into_iter().collect();
            responses.insert(success.0.to_string(), success.1);
            let mut op = json!({"responses": responses, "parameters": params});
            if let Some(id) = id {
                op["operationId"] = json!(id);
            }
            if let Some(summary) = summary {
                op["summary"] = json!(summary);
            }
            if let Some(body) = body {
                op["requestBody"] = json!({"required": true, "content": {"application/json": {"schema": body}}});
            }
            if secured {
                op["security"] = json!([{"Bearer": []}]);
            }
            (path, method.to_string(), op)
        })
}

fn document() -> impl Strategy<Value = Value> {
    (operation(), schema(), any::<bool>()).prop_map(|((path, method, op), shared, servers)| {
        let mut doc = json!({
            "openapi": "3.0.3",
            "info": {"title": "Random", "version": "1"},
            "paths": {path: {method: op}},
            "components": {"securitySchemes": {"Bearer": {"type": "http", "scheme": "bearer"}}, "schemas": {"Shared": shared}},
        });
        if servers {
            doc["servers"] = json!([{"url": "https://api.example.com"}]);
        }
        doc
    })
}

/// Several documents, as a docs page gives them: they share `info`, `servers` and components.
fn documents(range: std::ops::Range<usize>) -> impl Strategy<Value = Vec<Value>> {
    proptest::collection::vec(document(), range).prop_map(|mut docs| {
        let (shared, servers) = (docs[0]["components"].clone(), docs[0].get("servers").cloned());
        for d in &mut docs {
            d["components"] = shared.clone();
            match &servers {
                Some(s) => d["servers"] = s.clone(),
                None => drop(d.as_object_mut().unwrap().remove("servers")),
            }
        }
        docs
    })
}

fn check_output(files: &std::collections::BTreeMap<String, String>) {
    for (path, text) in files {
        if path.ends_with(".rs") {
            if let Err(e) = syn::parse_file(text) {
                panic!("{path} does not parse: {e}\n{text}");
            }
        } else if path.ends_with(".toml") {
            text.parse::<toml::Table>().unwrap_or_else(|e| panic!("{path}: {e}\n{text}"));
        } else if path.ends_with(".json") {
            serde_json::from_str::<Value>(text).unwrap_or_else(|e| panic!("{path}: {e}"));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_documents_never_panic_and_output_parses(docs in documents(1..4)) {
        let sources: Vec<Source> =
            docs.iter().enumerate().map(|(i, d)| Source::new(format!("op{i}.json"), serde_json::to_vec(d).unwrap())).collect();
        if let Ok(generated) = apigen::generate(&Config::default(), &sources) {
            check_output(&generated.files);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200), yaml in any::<bool>()) {
        let name = if yaml { "x.yaml" } else { "x.json" };
        let _ = apigen::generate(&Config::default(), &[Source::new(name, bytes)]);
    }

    #[test]
    fn file_order_never_changes_the_output(docs in documents(2..4), seed in any::<u64>()) {
        let sources: Vec<Source> =
            docs.iter().enumerate().map(|(i, d)| Source::new(format!("op{i}.json"), serde_json::to_vec(d).unwrap())).collect();
        let mut shuffled = sources.clone();
        // A seeded permutation.
        let n = shuffled.len();
        for i in 0..n {
            let j = (seed as usize).wrapping_mul(i + 7) % n;
            shuffled.swap(i, j);
        }
        let a = apigen::generate(&Config::default(), &sources).map(|g| g.files).map_err(|d| d.to_string());
        let b = apigen::generate(&Config::default(), &shuffled).map(|g| g.files).map_err(|d| d.to_string());
        prop_assert_eq!(a, b);
    }
}

/// `value` as JSON text in which the `target`-th non-empty object (in document order) has its
/// first member written a second time; the key, when there was such an object.
fn write_with_duplicate(value: &Value, target: usize, seen: &mut usize, out: &mut String) -> Option<String> {
    match value {
        Value::Object(map) if !map.is_empty() => {
            let here = *seen;
            *seen += 1;
            let mut found = None;
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(k).unwrap());
                out.push(':');
                found = found.or(write_with_duplicate(v, target, seen, out));
            }
            if here == target {
                let (k, v) = map.iter().next().unwrap();
                out.push_str(&format!(",\n{}: {}", serde_json::to_string(k).unwrap(), v));
                found = Some(k.clone());
            }
            out.push('}');
            found
        }
        Value::Array(items) => {
            out.push('[');
            let mut found = None;
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                found = found.or(write_with_duplicate(v, target, seen, out));
            }
            out.push(']');
            found
        }
        other => {
            out.push_str(&other.to_string());
            None
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, failure_persistence: None, ..ProptestConfig::default() })]

    /// A key written twice anywhere in any file is refused with both places, never resolved by
    /// keeping one of them.
    #[test]
    fn a_key_written_twice_anywhere_is_refused(docs in documents(1..3), target in 0usize..40) {
        let mut sources: Vec<Source> =
            docs.iter().enumerate().map(|(i, d)| Source::new(format!("op{i}.json"), serde_json::to_vec(d).unwrap())).collect();
        let mut text = String::new();
        let mut seen = 0;
        let key = write_with_duplicate(&docs[0], target % 12, &mut seen, &mut text);
        prop_assume!(key.is_some());
        sources[0] = Source::new("op0.json", text);
        let report = match apigen::generate(&Config::default(), &sources) {
            Ok(_) => panic!("a duplicate key {key:?} was accepted"),
            Err(d) => d.to_string(),
        };
        let expected = format!("duplicate key {:?}", key.unwrap());
        prop_assert!(report.contains(&expected), "{report}");
        prop_assert!(report.contains("first defined here") && report.contains("--> op0.json:"), "{report}");
    }
}

#[test]
fn every_generated_seed_file_parses() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let generated = apigen::generate(&Config::default(), &apigen::load::read_dir(&dir).unwrap()).unwrap();
    check_output(&generated.files);
}

/// The properties above are only worth something if many random documents do generate: check
/// that a fair share of them do (so a change that makes nearly everything an error is noticed).
#[test]
fn a_fair_share_of_random_documents_generate() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config as RunnerConfig, RngAlgorithm, TestRng, TestRunner};
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]);
    let mut runner = TestRunner::new_with_rng(RunnerConfig::default(), rng);
    let strategy = documents(1..3);
    let (mut ok, total) = (0, 200);
    for _ in 0..total {
        let docs = strategy.new_tree(&mut runner).unwrap().current();
        let sources: Vec<Source> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| Source::new(format!("op{i}.json"), serde_json::to_vec(d).unwrap()))
            .collect();
        if let Ok(generated) = apigen::generate(&Config::default(), &sources) {
            check_output(&generated.files);
            ok += 1;
        }
    }
    assert!(ok * 5 >= total, "only {ok} of {total} random documents generated");
    eprintln!("{ok} of {total} random documents generated");
}
