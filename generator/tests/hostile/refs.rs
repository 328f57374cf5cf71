//! Duplicate keys and `$ref`s that loop, point at the wrong thing or are malformed.

use super::*;

/// A spec written by hand, so that it can say a key twice.
const TWO_GETS: &str = r#"{
  "openapi": "3.0.0",
  "info": {"title": "T", "version": "1"},
  "paths": {
    "/a": {
      "get": {"operationId": "first", "responses": {"204": {"description": "ok"}}},
      "get": {"operationId": "second", "responses": {"204": {"description": "ok"}}}
    }
  }
}"#;

/// `file:line:col#pointer` of the `nth` (0-based) `needle` in `text`.
fn at(file: &str, text: &str, needle: &str, nth: usize, pointer: &str) -> String {
    let (offset, _) = text.match_indices(needle).nth(nth).expect("the needle is in the text");
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = offset - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    format!("--> {file}:{line}:{col}#{pointer}")
}

/// The report names both places, the second as the error and the first in a note.
fn assert_both(report: &str, file: &str, text: &str, needle: &str, pointer: &str) {
    let second = at(file, text, needle, 1, pointer);
    let first = at(file, text, needle, 0, pointer);
    assert_has(report, &[&format!("{second}\n  note: first defined here\n    {first}")]);
}

#[test]
fn a_key_written_twice_in_json_names_both_places() {
    let report = errors(&[Source::new("a.json", TWO_GETS)]);
    assert_has(&report, &["error: duplicate key \"get\"", "--> a.json:7:7#/paths/~1a/get"]);
    assert_both(&report, "a.json", TWO_GETS, r#""get""#, "/paths/~1a/get");

    // One path twice, a property twice deep down, a field twice inside an array, the top-level
    // `openapi` twice (with different values) and a key spelt with an escape.
    let cases = [
        (TWO_GETS.replace(r#""/a": {"#, r#""/a": {}, "/a": {"#), r#""/a""#, "/paths/~1a"),
        (
            TWO_GETS.replace(
                "\"responses\": {\"204\": {\"description\": \"ok\"}}},\n      \"get\"",
                r#""responses": {"200": {"description": "ok", "content": {"application/json": {"schema":
                  {"type": "object", "properties": {"id": {"type": "string"}, "id": {"type": "integer"}}}}}}}},
      "put""#,
            ),
            r#""id""#,
            "/paths/~1a/get/responses/200/content/application~1json/schema/properties/id",
        ),
        (
            TWO_GETS.replace(
                r#""operationId": "first","#,
                r#""operationId": "first", "parameters": [{"in": "query", "name": "a", "name": "b", "schema": {}}],"#,
            ),
            r#""name""#,
            "/paths/~1a/get/parameters/0/name",
        ),
        (
            TWO_GETS.replace(r#""openapi": "3.0.0","#, r#""openapi": "3.0.0", "openapi": "3.1.0","#),
            r#""openapi""#,
            "/openapi",
        ),
        (
            TWO_GETS.replace(r#""get": {"operationId": "second""#, r#""g\u0065t": {"operationId": "second""#),
            r#""g"#,
            "/paths/~1a/get",
        ),
    ];
    for (text, needle, pointer) in cases {
        let report = errors(&[Source::new("a.json", text.as_str())]);
        assert_both(&report, "a.json", &text, needle, pointer);
    }
}

#[test]
fn a_component_written_twice_is_found_in_the_second_of_two_files() {
    // The fast path scans components one by one and leaves out what an earlier file already
    // said: a component or a section written twice must still be caught, in the file that has it.
    let a = doc(json!({"/a": {"get": ok_op("a")}}));
    let b = r#"{"openapi": "3.0.0", "info": {"title": "T", "version": "1"}, "paths": {},
"components": {"schemas": {"A": {"type": "string"}, "B": {"type": "string"}, "A": {"type": "integer"}}}}"#;
    let report = errors(&[json_source("a.json", &a), Source::new("b.json", b)]);
    assert_has(&report, &["duplicate key \"A\""]);
    assert_both(&report, "b.json", b, r#""A""#, "/components/schemas/A");
    assert!(!report.contains("a.json"), "{report}");

    let b = b.replace(r#""components": {"schemas": {"#, r#""components": {"schemas": {}, "schemas": {"#);
    let report = errors(&[json_source("a.json", &a), Source::new("b.json", b.as_str())]);
    assert_both(&report, "b.json", &b, r#""schemas""#, "/components/schemas");
}

#[test]
fn a_key_written_twice_in_yaml_names_both_places() {
    let yaml = "openapi: 3.0.0
info: {title: T, version: '1'}
paths:
  /a:
    get:
      operationId: first
      responses: {'204': {description: ok}}
    get:
      operationId: second
      responses: {'204': {description: ok}}
";
    let report = errors(&[Source::new("a.yaml", yaml)]);
    assert_has(&report, &["error: duplicate key \"get\"", "--> a.yaml:8:5#/paths/~1a/get"]);
    assert_both(&report, "a.yaml", yaml, "get", "/paths/~1a/get");

    // Deep down in flow style, and a key that is only the same once read (`'1'` and `1`).
    let one = yaml.split("    get:\n      operationId: second").next().unwrap_or_default();
    let deep = one.replace(
        "      operationId: first\n",
        "      operationId: first\n      parameters: [{in: query, name: a, schema: {enum: [1], enum: [2]}}]\n",
    );
    let report = errors(&[Source::new("a.yaml", deep.as_str())]);
    assert_both(&report, "a.yaml", &deep, "enum", "/paths/~1a/get/parameters/0/schema/enum");
    let numbers = format!("{one}x-codes:\n  1: a\n  '1': b\n");
    let report = errors(&[Source::new("a.yaml", numbers.as_str())]);
    assert_has(&report, &["duplicate key \"1\""]);
    assert_has(
        &report,
        &[&at("a.yaml", &numbers, "1: a", 0, "/x-codes/1"), &at("a.yaml", &numbers, "'1': b", 0, "/x-codes/1")],
    );
}

/// A document whose one operation answers with the schema `root`, plus `components`.
fn answering(root: Value, components: Value) -> Value {
    let op = json!({"operationId": "a", "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": root}}}}});
    let mut d = doc(json!({"/a": {"get": op}}));
    d["components"] = components;
    d
}

fn to(r: &str) -> Value {
    json!({"$ref": r})
}

fn schema(name: &str) -> Value {
    to(&format!("#/components/schemas/{name}"))
}

const USE: &str = "a.json#/paths/~1a/get/responses/200/content/application~1json/schema";

#[test]
fn schemas_that_are_only_themselves_are_cycles() {
    let cycle = |schemas: Value| errors(&[json_source("a.json", &answering(schema("A"), json!({"schemas": schemas})))]);
    assert_has(
        &cycle(json!({"A": schema("A")})),
        &["$ref cycle #/components/schemas/A → #/components/schemas/A", "--> a.json#/components/schemas/A\n"],
    );
    assert_has(
        &cycle(json!({"A": schema("B"), "B": schema("C"), "C": schema("A")})),
        &[
            "$ref cycle #/components/schemas/A → #/components/schemas/B → #/components/schemas/C → #/components/schemas/A",
            "--> a.json#/components/schemas/C\n",
        ],
    );
    // Through `allOf`, `oneOf` and `anyOf` too: no property or item in between.
    assert_has(
        &cycle(json!({"A": {"allOf": [schema("A")]}})),
        &["$ref cycle", "--> a.json#/components/schemas/A/allOf/0\n"],
    );
    assert_has(
        &cycle(json!({"A": {"allOf": [schema("B")]}, "B": {"description": "b", "allOf": [schema("A")]}})),
        &["$ref cycle #/components/schemas/A → #/components/schemas/B → #/components/schemas/A"],
    );
    assert_has(
        &cycle(json!({"A": {"oneOf": [schema("A"), {"type": "string"}]}})),
        &["$ref cycle", "--> a.json#/components/schemas/A/oneOf/0\n"],
    );
    assert_has(
        &cycle(json!({"A": {"type": "object", "properties": {"x": {"type": "string"}}, "anyOf": [schema("A")]}})),
        &["$ref cycle", "--> a.json#/components/schemas/A/anyOf/0\n"],
    );
    // Across files: each part is located in the file that defines it.
    let mut a = answering(schema("A"), json!({"schemas": {"A": schema("B")}}));
    let b = json!({"openapi": "3.0.0", "info": a["info"].clone(), "paths": {}, "components": {"schemas": {"B": schema("A")}}});
    a["info"] = b["info"].clone();
    assert_has(
        &errors(&[json_source("a.json", &a), json_source("b.json", &b)]),
        &["$ref cycle", "--> b.json#/components/schemas/B\n"],
    );
    // YAML reads the same.
    let yaml = "openapi: 3.0.0
info: {title: T, version: '1'}
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}
components:
  schemas:
    A: {$ref: '#/components/schemas/A'}
";
    assert_has(&errors(&[Source::new("a.yaml", yaml)]), &["$ref cycle", "--> a.yaml#/components/schemas/A\n"]);

    // Recursion through a property or an item, even by way of aliases and `allOf`, is no cycle.
    let tree = json!({"schemas": {
        "Tree": {"allOf": [schema("Node")], "description": "A tree."},
        "Node": {"type": "object", "properties": {"children": {"type": "array", "items": schema("Tree")}, "parent": schema("Alias")}},
        "Alias": schema("Tree"),
    }});
    let generated =
        apigen::generate(&Config::default(), &[json_source("a.json", &answering(schema("Tree"), tree))]).unwrap();
    let types: String = generated.files["src/types.rs"].split_whitespace().collect();
    assert!(types.contains("pubchildren:::std::option::Option<::std::vec::Vec<crate::types::Tree>>"), "{types}");
    assert!(types.contains("pubparent:::std::option::Option<::std::boxed::Box<crate::types::Tree>>"), "{types}");
}

#[test]
fn alias_cycles_among_parameters_responses_bodies_headers_and_path_items() {
    let op = json!({"operationId": "a",
    "parameters": [to("#/components/parameters/A")],
    "requestBody": to("#/components/requestBodies/A"),
    "responses": {
        "200": {"description": "ok", "headers": {"X-A": to("#/components/headers/A")}},
        "404": to("#/components/responses/A"),
    }});
    let mut d = doc(json!({"/a": {"get": op}, "/b": to("#/paths/~1c"), "/c": to("#/paths/~1b")}));
    d["components"] = json!({
        "parameters": {"A": to("#/components/parameters/B"), "B": to("#/components/parameters/A")},
        "requestBodies": {"A": to("#/components/requestBodies/A")},
        "headers": {"A": to("#/components/headers/B"), "B": to("#/components/headers/C"), "C": to("#/components/headers/A")},
        "responses": {"A": to("#/components/responses/B"), "B": to("#/components/responses/A")},
    });
    let report = errors(&[json_source("a.json", &d)]);
    assert_has(
        &report,
        &[
            "$ref cycle #/components/parameters/A → #/components/parameters/B → #/components/parameters/A",
            "--> a.json#/paths/~1a/get/parameters/0\n",
            "$ref cycle #/components/requestBodies/A → #/components/requestBodies/A",
            "--> a.json#/paths/~1a/get/requestBody\n",
            "$ref cycle #/components/headers/A → #/components/headers/B → #/components/headers/C → #/components/headers/A",
            "--> a.json#/paths/~1a/get/responses/200/headers/X-A\n",
            "$ref cycle #/components/responses/A → #/components/responses/B → #/components/responses/A",
            "--> a.json#/paths/~1a/get/responses/404\n",
            "$ref cycle #/paths/~1b → #/paths/~1c → #/paths/~1b",
            "--> a.json#/paths/~1b\n",
            "$ref cycle #/paths/~1c → #/paths/~1b → #/paths/~1c",
            "generation failed with 6 errors",
        ],
    );
    // A chain that ends is followed.
    d["components"]["parameters"]["B"] = json!({"in": "query", "name": "q", "schema": {"type": "string"}});
    d["components"]["requestBodies"]["A"] = to("#/components/requestBodies/B");
    d["components"]["requestBodies"]["B"] = json!({"content": {"text/plain": {}}});
    d["components"]["headers"]["C"] = json!({"schema": {"type": "integer"}});
    d["components"]["responses"]["B"] = json!({"description": "missing"});
    d["paths"]["/c"] = json!({"post": ok_op("c")});
    let generated = apigen::generate(&Config::default(), &[json_source("a.json", &d)]).unwrap();
    let op = generated.api.operations.iter().find(|o| o.names.method == "a").unwrap();
    assert_eq!(op.params[0].wire, "q");
    assert_eq!(op.response_headers[0].wire, "X-A");
    assert_eq!(generated.api.operations.iter().filter(|o| o.path == "/b").count(), 1);
}

#[test]
fn refs_from_a_schema_slot_must_point_at_a_schema() {
    let not_a_schema = |r: &str| {
        let components = json!({"parameters": {"P": {"in": "query", "name": "p", "schema": {"type": "string"}}},
            "schemas": {"S": {"type": "string"}}});
        errors(&[json_source("a.json", &answering(to(r), components))])
    };
    assert_has(&not_a_schema("#/info"), &["$ref \"#/info\" does not point at a schema", USE]);
    assert_has(&not_a_schema("#"), &["$ref \"#\" does not point at a schema", USE]);
    assert_has(&not_a_schema("#/paths/~1a"), &["$ref \"#/paths/~1a\" points at a path item, not a schema", USE]);
    assert_has(&not_a_schema("#/paths/~1a/get"), &["points at an operation, not a schema", USE]);
    assert_has(
        &not_a_schema("#/components/parameters/P"),
        &["$ref \"#/components/parameters/P\" points at a parameter, not a schema", USE],
    );
    assert_has(
        &not_a_schema("#/components/schemas"),
        &["$ref \"#/components/schemas\" does not point at a schema", USE],
    );
    assert_has(&not_a_schema("#/components/schemas/S/type"), &["does not point at a schema", USE]);
    assert_has(&not_a_schema("#/components/parameters/Q/schema"), &["points at nothing", USE]);
    assert_has(&not_a_schema("#/components/schemas/S/items"), &["points at nothing", USE]);
    // A `$ref` that is not a string would be read as a schema that allows anything.
    let components =
        json!({"schemas": {"S": {"type": "object", "properties": {"$ref": {"type": "string"}, "b": {"$ref": 5}}}}});
    assert_has(
        &errors(&[json_source("a.json", &answering(schema("S"), components))]),
        &["`$ref` must be a string, found a number", "--> a.json#/components/schemas/S/properties/b/$ref\n"],
    );
    assert_has(
        &errors(&[json_source("a.json", &answering(json!({"type": "array", "items": {"$ref": null}}), json!({})))]),
        &["`$ref` must be a string, found null", &format!("{USE}/items/$ref\n")],
    );
    // A property named `$ref` is a property like any other.
    let components = json!({"schemas": {"S": {"type": "object", "properties": {"$ref": {"type": "string"}}}}});
    let generated =
        apigen::generate(&Config::default(), &[json_source("a.json", &answering(schema("S"), components))]).unwrap();
    assert_eq!(generated.api.types[0].fields().unwrap()[0].wire, "$ref");
    // Schemas inside other schemas and other places are schemas all the same.
    let components = json!({"parameters": {"P": {"in": "query", "name": "p", "schema": {"type": "integer"}}},
        "schemas": {"S": {"type": "object", "properties": {"inner": {"type": "boolean"}}}}});
    for (r, ty) in [("#/components/parameters/P/schema", "i64"), ("#/components/schemas/S/properties/inner", "bool")] {
        let generated =
            apigen::generate(&Config::default(), &[json_source("a.json", &answering(to(r), components.clone()))])
                .unwrap();
        assert!(generated.files["src/operations.rs"].contains(&format!("Result<{ty}, Error<AError>>")), "{r}");
    }
}

#[test]
fn malformed_pointers_and_percent_escapes_are_located() {
    let components =
        json!({"schemas": {"A~2": {"type": "string"}, "A~": {"type": "string"}, "A%zz": {"type": "string"}}});
    let bad = |r: &str| errors(&[json_source("a.json", &answering(to(r), components.clone()))]);
    assert_has(
        &bad("#/components/schemas/A~2"),
        &["$ref \"#/components/schemas/A~2\" is not a valid JSON pointer: `~2`", USE],
    );
    assert_has(&bad("#/components/schemas/A~"), &["is not a valid JSON pointer: `~` at the end", USE]);
    assert_has(&bad("#/components/schemas/A%zz"), &["malformed percent-escape `%zz`", USE]);
    assert_has(&bad("#/components/schemas/A%2"), &["malformed percent-escape `%2`", USE]);
    assert_has(&bad("#/components/schemas/A%FF"), &["percent-decodes to bytes that are not UTF-8", USE]);
    assert_has(&bad("#components/schemas/A"), &["is not a JSON pointer", USE]);
    // The same in a parameter slot, a path item and a discriminator mapping.
    let op = json!({"operationId": "a", "parameters": [to("#/components/parameters/P~2")], "responses": {"204": {"description": "ok"}}});
    let d = doc(json!({"/a": {"get": op}, "/b": to("#/paths/~1a%")}));
    assert_has(
        &errors(&[json_source("a.json", &d)]),
        &[
            "$ref \"#/components/parameters/P~2\" is not a valid JSON pointer",
            "--> a.json#/paths/~1a/get/parameters/0\n",
            "$ref \"#/paths/~1a%\" has a malformed percent-escape `%`",
            "--> a.json#/paths/~1b\n",
        ],
    );
}

#[test]
fn percent_escapes_are_decoded_before_pointer_escapes() {
    let object = |p: &str| json!({"type": "object", "properties": {p: {"type": "string"}}});
    let components = json!({"schemas": {"A B": object("space"), "100%": object("percent"), "{x}": object("braces"), "a/b": object("slash"), "é": object("accent")}});
    for (r, field) in [
        ("#/components/schemas/A%20B", "space"),
        ("#/components/schemas/100%25", "percent"),
        ("#/components/schemas/%7Bx%7D", "braces"),
        ("#/components/schemas/{x}", "braces"),
        ("#/components/schemas/a%7E1b", "slash"),
        ("#/components/schemas/a~1b", "slash"),
        ("#/components%2Fschemas%2F%C3%A9", "accent"),
    ] {
        let generated =
            apigen::generate(&Config::default(), &[json_source("a.json", &answering(to(r), components.clone()))]);
        let generated = generated.unwrap_or_else(|e| panic!("{r}: {e}"));
        assert_eq!(generated.api.types[0].fields().unwrap()[0].wire, field, "{r}");
    }
    // A document of components only: a name with `%` in it is referred to as it should be.
    let mut only = doc(json!({}));
    only["components"] = json!({"schemas": {"100%": object("percent")}});
    let generated = apigen::generate(&Config::default(), &[json_source("a.json", &only)]).unwrap();
    assert_eq!(generated.api.types[0].fields().unwrap()[0].wire, "percent");
}

#[test]
fn discriminator_mappings_must_name_schemas() {
    let object = json!({"type": "object", "properties": {"kind": {"type": "string"}}});
    let union = |mapping: Value| {
        answering(
            schema("U"),
            json!({"schemas": {"U": {"oneOf": [schema("B"), schema("C")], "discriminator": {"propertyName": "kind", "mapping": mapping}},
                "B": object.clone(), "C": object.clone()},
                "parameters": {"P": {"in": "query", "name": "p", "schema": {"type": "string"}}}}),
        )
    };
    let at = "--> a.json#/components/schemas/U/discriminator/mapping/";
    // A mapping to nothing or to another file (what a bundler leaves, DigitalOcean's spec) is
    // left out with a warning at its place; `--strict` refuses it there.
    let lenient = |doc: &Value, message: &str, key: &str| {
        let source = [json_source("a.json", doc)];
        let generated = apigen::generate(&Config::default(), &source).unwrap_or_else(|d| panic!("{d}"));
        let warnings: Vec<String> = generated.warnings().iter().map(|w| format!("{w}\n")).collect();
        assert_has(&warnings.concat(), &[message, &format!("{at}{key}\n")]);
        let strict = Config { strict: true, ..Config::default() };
        let refused = apigen::generate(&strict, &source).unwrap_err().to_string();
        assert_has(&refused, &[&format!("error: {message}"), &format!("{at}{key}\n")]);
    };
    let nothing = union(json!({"b": "#/components/schemas/B", "x": "#/components/schemas/Nope"}));
    lenient(&nothing, "discriminator mapping \"x\" points at nothing, \"#/components/schemas/Nope\": left out", "x");
    lenient(&union(json!({"x": "Nope"})), "discriminator mapping \"x\" points at nothing, \"Nope\"", "x");
    // A value with `/` or `#` cannot be a component name: it is a reference, here to a file.
    lenient(&union(json!({"f": "schemas/B.yaml"})), "discriminator mapping \"f\" points at another file", "f");
    // On a base schema (`allOf` polymorphism) as well, where the mapping is not used for a union.
    let mut base = union(json!({}));
    base["components"]["schemas"]["U"] = json!({"type": "object", "properties": {"kind": {"type": "string"}}, "discriminator": {"propertyName": "kind", "mapping": {"b": "Gone"}}});
    lenient(&base, "discriminator mapping \"b\" points at nothing, \"Gone\"", "b");
    // What points at something that is not a schema, or is not a pointer, stays an error.
    assert_has(
        &errors(&[json_source("a.json", &union(json!({"y": "#/info"})))]),
        &["does not point at a schema", &format!("{at}y\n")],
    );
    assert_has(
        &errors(&[json_source("a.json", &union(json!({"p": "#/components/parameters/P"})))]),
        &["points at a parameter, not a schema", &format!("{at}p\n")],
    );
    assert_has(
        &errors(&[json_source("a.json", &union(json!({"z": "#/components/schemas/B~2"})))]),
        &["`~2`", &format!("{at}z\n")],
    );
    // Names and references that exist still give the tags.
    let generated = apigen::generate(
        &Config::default(),
        &[json_source("a.json", &union(json!({"bee": "B", "sea": "#/components/schemas/C"})))],
    )
    .unwrap();
    let tags: Vec<Vec<String>> = generated
        .api
        .types
        .iter()
        .flat_map(|t| match &t.kind {
            apigen::ir::TypeKind::Union { alternatives, .. } => alternatives.iter().map(|a| a.tags.clone()).collect(),
            _ => Vec::new(),
        })
        .collect();
    assert_eq!(tags, [vec!["bee".to_owned()], vec!["sea".to_owned()]]);
}

#[test]
fn security_schemes_are_followed_and_path_items_keep_their_operations() {
    let mut d = doc(json!({"/a": {"get": ok_op("a")}}));
    d["security"] = json!([{"Key": []}]);
    d["components"] = json!({"securitySchemes": {
        "Key": to("#/components/securitySchemes/Real"),
        "Real": {"type": "apiKey", "in": "header", "name": "X-Key"},
    }});
    let generated = apigen::generate(&Config::default(), &[json_source("a.json", &d)]).unwrap();
    assert_eq!(generated.api.auth[0].key, "Key");
    d["components"]["securitySchemes"]["Real"] = to("#/components/securitySchemes/Key");
    assert_has(
        &errors(&[json_source("a.json", &d)]),
        &[
            "$ref cycle #/components/securitySchemes/Key → #/components/securitySchemes/Real → #/components/securitySchemes/Key",
        ],
    );

    // openapiv3 reads a path item with a `$ref` as the reference alone: its own operations would
    // be lost without a word.
    let d = doc(json!({"/a": {"get": ok_op("a")}, "/b": {"$ref": "#/paths/~1a", "post": ok_op("b")}}));
    assert_has(
        &errors(&[json_source("a.json", &d)]),
        &["a path item with a `$ref` cannot also have `post` of its own", "--> a.json#/paths/~1b/post\n"],
    );
}

/// A spec whose operation's parameter is `P0`, a `$ref` to `P1`, … to `P{steps}`, a parameter.
fn parameter_chain(steps: usize) -> Value {
    let mut parameters: serde_json::Map<String, Value> =
        (0..steps).map(|i| (format!("P{i}"), to(&format!("#/components/parameters/P{}", i + 1)))).collect();
    parameters.insert(format!("P{steps}"), json!({"in": "query", "name": "q", "schema": {"type": "string"}}));
    let mut d = doc(json!({"/a": {"get": {"operationId": "a", "parameters": [to("#/components/parameters/P0")],
        "responses": {"204": {"description": "ok"}}}}}));
    d["components"] = json!({"parameters": parameters});
    d
}

#[test]
fn long_ref_chains_and_many_parameters_are_refused_quickly() {
    let started = std::time::Instant::now();
    // Refused at the limit, not followed to the end (quadratic time before the limit).
    assert_has(
        &errors(&[json_source("a.json", &parameter_chain(40_000))]),
        &["$ref chain longer than 512 steps", "--> a.json#/paths/~1a/get/parameters/0\n", "failed with 1 error"],
    );
    // One header parameter declared 20000 times: each repeat is an error, found in linear time.
    let params: Vec<Value> = (0..20_000)
        .map(|i| json!({"in": "header", "name": if i % 2 == 0 { "X-A" } else { "x-a" }, "schema": {"type": "string"}}))
        .collect();
    let many = doc(json!({"/a": {"get": {"operationId": "a", "parameters": params,
        "responses": {"204": {"description": "ok"}}}}}));
    assert_has(
        &errors(&[json_source("a.json", &many)]),
        &["header parameter \"x-a\" is declared twice", "failed with 19999 errors"],
    );
    // A guard against a hang (the quadratic walk took minutes), not a speed target: generous, so
    // that a debug build on a busy machine passes.
    assert!(started.elapsed() < std::time::Duration::from_secs(60), "took {:?}", started.elapsed());
    // A chain within the limit is followed.
    let generated = apigen::generate(&Config::default(), &[json_source("a.json", &parameter_chain(500))]).unwrap();
    assert_eq!(generated.api.operations[0].params[0].wire, "q");
}
