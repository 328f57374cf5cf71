//! Spec text that could become code: Markdown code blocks, HTML, control and bidi characters.
//!
//! Each vector is put in every place spec text reaches the crate (the info block, an operation's
//! summary and description, parameters, the request body, responses and their headers, schemas,
//! properties, enums, unions), and every doc comment and the README are then read as rustdoc
//! reads them (pulldown-cmark, rustdoc's options): no code block rustdoc would test, no HTML
//! element but plain formatting tags, no link or image to a script, and the generator's own text
//! still where it belongs.

use std::collections::BTreeMap;

use proptest::prelude::*;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::*;

const VECTORS: &[&str] = &[
    "```rust\nstd::process::abort();\n```",
    "```\nfn main() { std::process::abort() }\n```",
    "~~~should_panic\npanic!()\n~~~",
    "```rust,ignore\nx\n```",
    "```edition2021\nstd::process::abort();\n```",
    "```compile_fail\nx\n```",
    "```{.class}\nstd::process::abort();\n```",
    "```text,rust\nstd::process::abort();\n```",
    "Example:\n\n    std::process::abort();",
    "Example:\n\n\tstd::process::abort();",
    "- item\n\n      std::process::abort();",
    "> quote\n>\n>     std::process::abort();",
    "<script>alert(1)</script>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "a <img src=x onerror=alert(1)> b",
    "<b onclick=alert(1)>x</b>",
    "[click](javascript:alert(1))",
    "[click](<JavaScript:alert(1)>)",
    "[click][r]\n\n[r]: javascript:alert(1)",
    "[`Client`]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "![i](data:text/html;base64,PHNjcmlwdD4=)",
    "[v](vbscript:msgbox)",
    "```rust\nstd::process::abort();",
    "<!-- hidden",
    "<script>\nno end",
    "<pre>\nnot closed",
];

/// A spec carrying `text` wherever spec text can go.
fn spec(text: &str) -> Value {
    let thing = json!({"$ref": "#/components/schemas/Thing"});
    let mut d = doc(json!({
        "/a/{id}": {"get": {
            "operationId": "a", "summary": text, "description": text,
            "parameters": [
                {"in": "path", "name": "id", "required": true, "schema": {"type": "string"}, "description": text},
                {"in": "query", "name": "color", "schema": {"$ref": "#/components/schemas/Color"}, "description": text},
            ],
            "responses": {
                "200": {"description": text, "headers": {"X-Rate": {"description": text, "schema": {"type": "integer"}}},
                        "content": {"application/json": {"schema": thing}}},
                "201": {"description": text, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}},
                "404": {"description": text, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
            },
        }},
        "/b": {"post": {
            "summary": "Create",
            "requestBody": {"description": text, "content": {"application/json": {"schema": thing}}},
            "responses": {"204": {"description": text}},
        }},
    }));
    d["info"] = json!({"title": format!("T {text}"), "version": format!("1 {text}"), "description": text});
    d["components"] = json!({"schemas": {
        "Thing": {"type": "object", "description": text, "properties": {
            "name": {"type": "string", "description": text},
            "color": {"$ref": "#/components/schemas/Color"},
            "tags": {"type": "array", "items": {"$ref": "#/components/schemas/Problem"}},
        }},
        "Color": {"type": "string", "enum": ["red", "green"], "description": text},
        "Problem": {"type": "object", "description": text, "properties": {"detail": {"type": "string"}}},
        "Pet": {"description": text, "oneOf": [{"$ref": "#/components/schemas/Thing"}, {"$ref": "#/components/schemas/Problem"}]},
    }});
    d
}

fn generate(spec: &Value) -> BTreeMap<String, String> {
    apigen::generate(&Config::default(), &[json_source("a.json", spec)]).unwrap().files
}

/// The doc comments of a Rust file, one text per item (consecutive `///` or `//!` lines).
fn doc_comments(rust: &str) -> Vec<String> {
    let mut docs = Vec::new();
    let mut current: Option<String> = None;
    for line in rust.lines() {
        let line = line.trim_start();
        match line.strip_prefix("///").or_else(|| line.strip_prefix("//!")) {
            Some(text) => {
                let doc = current.get_or_insert_with(String::new);
                doc.push_str(text.strip_prefix(' ').unwrap_or(text));
                doc.push('\n');
            }
            None => docs.extend(current.take()),
        }
    }
    docs.extend(current);
    docs
}

/// Every Markdown text of the crate that rustdoc renders: doc comments, and the README (the crate's
/// front page).
fn markdown_texts(files: &BTreeMap<String, String>) -> Vec<(String, String)> {
    let mut texts = Vec::new();
    for (path, text) in files {
        if path.ends_with(".rs") {
            texts.extend(doc_comments(text).into_iter().map(|d| (path.clone(), d)));
        }
    }
    texts.push(("README.md".into(), readme(files)));
    texts
}

/// The README but its first line, the generator's `<!-- @generated ... -->` comment.
fn readme(files: &BTreeMap<String, String>) -> String {
    let text = &files["README.md"];
    assert!(text.starts_with("<!-- @generated by `"));
    text.split_once('\n').unwrap().1.to_owned()
}

fn parser(md: &str) -> Parser<'_> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION;
    Parser::new_ext(md, options)
}

/// Whether rustdoc tests a fenced block with this info string: it does when one of its words is
/// `rust`, or when every word is a doctest attribute (none at all included); `{...}` holds classes.
fn is_doctest(info: &str) -> bool {
    let mut words = String::new();
    let mut depth = 0;
    for c in info.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            c if depth == 0 => words.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = words.split(|c: char| c == ',' || c.is_whitespace()).filter(|w| !w.is_empty()).collect();
    let attribute = |w: &&str| {
        matches!(
            *w,
            "rust" | "ignore" | "should_panic" | "no_run" | "compile_fail" | "test_harness" | "standalone_crate"
        ) || w.starts_with("ignore-")
            || w.starts_with("edition")
    };
    words.contains(&"rust") || words.iter().all(attribute)
}

/// What in `md` would run, or be active in the rendered page.
fn dangers(md: &str) -> Vec<String> {
    let mut found = Vec::new();
    let bad_url = |url: &str| {
        let url = url.trim().to_ascii_lowercase();
        ["javascript:", "data:", "vbscript:"].iter().any(|s| url.starts_with(s))
    };
    let mut events = parser(md).into_offset_iter();
    for (event, _) in events.by_ref() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => found.push("an indented code block".into()),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if is_doctest(&info) => {
                found.push(format!("a doctest ```{info}"))
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                let lower = h.to_ascii_lowercase();
                let plain = ["<b>", "</b>", "<br>", "<br/>", "<p>", "</p>", "<code>", "</code>"];
                let mut rest = lower.clone();
                for tag in plain {
                    rest = rest.replace(tag, "");
                }
                if rest.contains('<') {
                    found.push(format!("HTML {h:?}"));
                }
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) if bad_url(&dest_url) => {
                found.push(format!("a link to {dest_url:?}"))
            }
            _ => {}
        }
    }
    for (label, def) in events.reference_definitions().iter() {
        if bad_url(&def.dest) {
            found.push(format!("a definition [{label}]: {}", def.dest));
        }
    }
    found
}

/// Whether `needle` is in a text of `md` that renders as text (not in a code block, not in HTML).
fn visible(md: &str, needle: &str) -> bool {
    let mut in_code = false;
    let mut text = String::new();
    for event in parser(md) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(t) | Event::Code(t) if !in_code => text.push_str(&t),
            Event::SoftBreak | Event::End(_) => text.push(' '),
            _ => {}
        }
    }
    text.contains(needle)
}

fn doctests(md: &str) -> usize {
    dangers(md).iter().filter(|d| d.starts_with("a doctest") || d.starts_with("an indented")).count()
}

/// What is wrong with the crate generated from `spec(text)`: anything that would run or be
/// active, in any doc comment or the README (whose own `readme_doctests` examples stay doctests).
fn problems(text: &str, readme_doctests: usize) -> Vec<String> {
    let files = generate(&spec(text));
    let mut failures = Vec::new();
    for (path, md) in markdown_texts(&files) {
        let mut found = dangers(&md);
        if path == "README.md" {
            let own = found.iter().filter(|d| d.starts_with("a doctest ```rust")).count();
            if own == readme_doctests {
                found.retain(|d| !d.starts_with("a doctest ```rust"));
            }
        }
        if !found.is_empty() {
            failures.push(format!("{text:?} in {path}: {found:?}\n{md}"));
        }
    }
    failures
}

fn readme_doctests() -> usize {
    let n = doctests(&readme(&generate(&spec("Plain text."))));
    assert!(n >= 2, "the README's own examples are doctests");
    n
}

#[test]
fn no_spec_text_becomes_a_doctest_html_or_a_script_link() {
    let own = readme_doctests();
    let failures: Vec<String> = VECTORS.iter().flat_map(|v| problems(v, own)).collect();
    assert!(failures.is_empty(), "{} texts:\n{}", failures.len(), failures.join("\n-----\n"));
}

/// Pieces that make Markdown constructs, glued at random.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("```"),
        Just("~~~"),
        Just("rust"),
        Just("should_panic"),
        Just("\n"),
        Just("\n\n"),
        Just("    "),
        Just("\t"),
        Just("> "),
        Just("- "),
        Just("<script>"),
        Just("<!--"),
        Just("<pre>"),
        Just("<b>"),
        Just("<img src=x onerror=y>"),
        Just("["),
        Just("]"),
        Just("("),
        Just(")"),
        Just("[a]: "),
        Just("[`Client`]: "),
        Just("javascript:x"),
        Just("<javascript:y>"),
        Just("!"),
        Just("`"),
        Just("|"),
        Just("\r"),
        Just("\u{202e}"),
        Just("\u{0}"),
        Just("x"),
        Just("fn main() {}"),
        Just("#"),
        Just("é"),
    ];
    proptest::collection::vec(piece, 0..30).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_spec_text_never_becomes_code(text in hostile_text()) {
        let failures = problems(&text, readme_doctests());
        prop_assert!(failures.is_empty(), "{}", failures.join("\n-----\n"));
    }
}

#[test]
fn spec_text_left_open_does_not_swallow_what_the_generator_writes_after_it() {
    let readme_doctests = doctests(&readme(&generate(&spec("Plain text."))));
    for vector in
        ["```rust\nunclosed", "~~~~\nunclosed", "<!-- hidden", "<script>\nno end", "<pre>\nnot closed", "<textarea>"]
    {
        let files = generate(&spec(vector));
        let operations = doc_comments(&files["src/operations.rs"]);
        let op = operations.iter().find(|d| d.contains("GET /a/{id}")).unwrap();
        for needle in ["GET /a/{id}", "Errors", "Arguments", "query color"] {
            assert!(visible(op, needle), "{vector:?} hides {needle:?} in:\n{op}");
        }
        let types = doc_comments(&files["src/types.rs"]);
        let thing = types.iter().find(|d| d.contains("Used by:")).unwrap();
        assert!(visible(thing, "Used by:"), "{vector:?} hides the uses in:\n{thing}");
        let readme = &readme(&files);
        for needle in ["Quick start", "Endpoints", "Configuration and safety"] {
            assert!(visible(readme, needle), "{vector:?} hides {needle:?} in:\n{readme}");
        }
        assert_eq!(doctests(readme), readme_doctests, "{readme}");
    }
}

/// The characters rustc refuses in source (bidi controls, bare CR in doc comments) or that TOML
/// refuses in comments (control characters).
fn refused(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[test]
fn control_and_bidi_characters_are_written_out_and_wire_names_stay_exact() {
    let text = "evil\u{202E}txt.exe \u{2066}x\u{2069} a\rb\r\nc \u{7}\u{0}\u{1b}[31m \u{85} done";
    let mut s = spec(text);
    s["components"]["schemas"]["Thing"]["properties"]["na\u{202E}me\r"] = json!({"type": "string"});
    s["components"]["schemas"]["Color"]["enum"] = json!(["red", "gr\u{2067}een\u{7}"]);
    s["paths"]["/a/{id}"]["get"]["parameters"]
        .as_array_mut()
        .unwrap()
        .push(json!({"in": "query", "name": "q\u{202D}", "schema": {"type": "string"}, "description": text}));
    s["paths"]["/a/{id}"]["get"]["responses"]["200"]["headers"]["X-\u{202E}Rate"] =
        json!({"schema": {"type": "string"}});
    s["tags"] = json!([{"name": "tag\u{202E}\u{1}", "description": text}]);
    s["paths"]["/a/{id}"]["get"]["tags"] = json!(["tag\u{202E}\u{1}"]);
    s["components"]["securitySchemes"] =
        json!({"k\u{202E}ey": {"type": "apiKey", "in": "query", "name": "api\u{202E}key"}});
    s["security"] = json!([{"k\u{202E}ey": []}]);
    s["servers"] = json!([{"url": "https://api.example.com/\u{202E}v1"}]);
    let mut config = Config::default();
    config.features.tags = true;
    let generated = apigen::generate(&config, &[json_source("a.json", &s)]).unwrap();
    for (path, content) in &generated.files {
        if path == "openapi.json" {
            continue; // data, not code: serde_json escapes control characters, bidi stay as written
        }
        let bad: Vec<String> =
            content.chars().filter(|c| refused(*c)).map(|c| format!("U+{:04X}", u32::from(c))).collect();
        assert!(bad.is_empty(), "{path} holds {bad:?}:\n{content}");
        if path.ends_with(".rs") {
            syn::parse_file(content).unwrap_or_else(|e| panic!("{path}: {e}\n{content}"));
        }
    }
    let manifest: toml::Table = toml::from_str(&generated.files["Cargo.toml"]).unwrap();
    assert!(manifest["package"]["description"].as_str().unwrap().contains("evil\\u{202e}txt.exe"));
    // Shown, not dropped.
    assert!(generated.files["src/operations.rs"].contains("evil\\u{202e}txt.exe"));
    // Wire names are exact at run time: escaped in the literals, unchanged in the IR.
    let types = &generated.files["src/types.rs"];
    assert!(types.contains(r#""na\u{202e}me\r""#), "{types}");
    assert!(types.contains(r#""gr\u{2067}een\u{7}""#), "{types}");
    let thing = generated.api.types.iter().find(|t| t.name == "Thing").unwrap();
    assert!(thing.fields().unwrap().iter().any(|f| f.wire == "na\u{202E}me\r"));
    assert!(generated.files["src/operations.rs"].contains(r#""q\u{202d}""#));
}

#[test]
fn benign_markdown_is_kept_byte_for_byte_beside_what_is_escaped() {
    let benign = "Returns the **thing**, see [the docs](https://example.com/docs) or [`Thing`].\n\n\
                  - one <br> two\n- `code` and <code>x</code>\n\n```json\n{\"a\": 1}\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |";
    let files = generate(&spec(&format!("{benign}\n\n<script>x</script>")));
    let expected = format!("{benign}\n\n&lt;script>x&lt;/script>\n");
    let types = doc_comments(&files["src/types.rs"]);
    let thing = types.iter().find(|d| d.contains("Used by:")).unwrap();
    assert!(thing.starts_with(&expected), "{thing}");
    assert!(files["README.md"].contains(&format!("\n{expected}")), "{}", files["README.md"]);
}

/// Characters that act on a terminal or reorder what it shows: control characters but the line
/// ends of the report itself, and the bidirectional controls.
fn acts_on_terminal(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[test]
fn diagnostics_write_out_terminal_escapes_and_bidi_controls() {
    let evil = "\u{1b}[31m\u{202e}x\u{7}\r\u{2066}";
    // A path key and its undeclared parameter, and a conflict between two files named with escapes.
    let op = json!({"operationId": format!("op{evil}"), "responses": {"204": {"description": "ok"}}});
    let a = doc(json!({ format!("/a{evil}/{{id{evil}}}"): {"get": op} }));
    let mut b = doc(json!({"/b": {"get": ok_op("b")}}));
    let mut c = b.clone();
    c["paths"]["/b"]["get"]["summary"] = json!(format!("changed{evil}"));
    b["paths"]["/b"]["get"]["summary"] = json!("first");
    let report = errors(&[json_source(&format!("a{evil}.json"), &a)])
        + &errors(&[json_source(&format!("b{evil}.json"), &b), json_source(&format!("c{evil}.json"), &c)]);
    let raw: Vec<String> =
        report.chars().filter(|c| acts_on_terminal(*c)).map(|c| format!("U+{:04X}", u32::from(c))).collect();
    assert!(raw.is_empty(), "the report holds {raw:?}:\n{report}");
    // Written out, so the reader still sees what the spec holds.
    assert_has(&report, &["a\\u{1b}[31m\\u{202e}x\\u{7}\\u{d}\\u{2066}.json", "/a\\u{1b}[31m\\u{202e}"]);
}

/// The values of the string literals of a Rust file, doc comments left out.
fn string_literals(rust: &str) -> Vec<String> {
    fn walk(tokens: proc_macro2::TokenStream, out: &mut Vec<String>) {
        for token in tokens {
            match token {
                proc_macro2::TokenTree::Group(g) => walk(g.stream(), out),
                proc_macro2::TokenTree::Literal(l) => {
                    if let Ok(s) = syn::parse_str::<syn::LitStr>(&l.to_string()) {
                        out.push(s.value());
                    }
                }
                _ => {}
            }
        }
    }
    let code: String = rust
        .lines()
        .filter(|l| !l.trim_start().starts_with("///") && !l.trim_start().starts_with("//!"))
        .map(|l| format!("{l}\n"))
        .collect();
    let mut out = Vec::new();
    walk(code.parse().unwrap(), &mut out);
    out
}

#[test]
fn spec_text_in_run_time_messages_is_one_bounded_line_with_controls_written_out() {
    let evil = "MARK\u{1b}[31m\u{202e}x\u{7}\r\nsecond line\n\n```rust\nstd::process::abort();\n```";
    let long = format!("{evil} {}", "y".repeat(1000));
    // The operationId is what errors, spans and hooks name the call by.
    let mut s = doc(json!({"/a": {"get": {"operationId": format!("a{evil}"), "responses": {
        "204": {"description": "ok"},
        "404": {"description": long},
        "409": {"description": evil},
    }}}}));
    s["components"] =
        json!({"securitySchemes": {format!("key{evil}"): {"type": "apiKey", "in": "header", "name": "X-Key"}}});
    s["security"] = json!([{format!("key{evil}"): []}]);
    let files = generate(&s);
    let messages: Vec<String> = files
        .iter()
        .filter(|(path, _)| path.ends_with(".rs"))
        .flat_map(|(_, rust)| string_literals(rust))
        .filter(|l| l.contains("MARK"))
        .collect();
    assert!(messages.len() >= 4, "{messages:#?}");
    for m in &messages {
        assert!(!m.chars().any(acts_on_terminal) && !m.contains('\n'), "{m:?}");
        assert!(m.chars().count() <= 300, "{} characters: {m:?}", m.chars().count());
        assert!(m.contains("MARK\\u{1b}[31m\\u{202e}x\\u{7}"), "{m:?}");
    }
}
