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
