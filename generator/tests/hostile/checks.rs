//! Documents that are ambiguous or break OpenAPI's rules: paths, parameters, names, config, servers.

use super::*;

fn op_with(params: Value) -> Value {
    json!({"operationId": "a", "parameters": params, "responses": {"204": {"description": "ok"}}})
}

fn string_param(location: &str, name: &str) -> Value {
    json!({"in": location, "name": name, "required": location == "path", "schema": {"type": "string"}})
}

fn generate_with(config: &Config, v: &Value) -> Result<apigen::Generated, String> {
    apigen::generate(config, &[json_source("a.json", v)]).map_err(|d| d.to_string())
}

fn config(text: &str) -> Config {
    Config::parse("apigen.toml", text).unwrap_or_else(|d| panic!("{d}"))
}

#[test]
fn path_items_that_are_not_objects_or_have_unknown_keys_are_errors() {
    let report = errors(&[json_source(
        "a.json",
        &doc(json!({"/a": {"GET": ok_op("a"), "fetch": ok_op("c")}, "/b": null, "/c": [], "/d": {"get": ok_op("d")}})),
    )]);
    assert_has(
        &report,
        &[
            "unknown key `GET` in the path item of `/a`",
            "HTTP methods are lowercase",
            "--> a.json#/paths/~1a/GET",
            "unknown key `fetch` in the path item of `/a`",
            "--> a.json#/paths/~1a/fetch",
            "the path item of `/b` must be an object, found null",
            "--> a.json#/paths/~1b",
            "the path item of `/c` must be an object, found an array",
            "failed with 4 errors",
        ],
    );
    let mut not_object = doc(json!({}));
    not_object["paths"] = json!([{"get": ok_op("a")}]);
    assert_has(&errors(&[json_source("a.json", &not_object)]), &["`paths` must be an object, found an array"]);
    let mut components = doc(json!({"/a": {"get": ok_op("a")}}));
    components["components"] = json!({"schemas": [{"type": "string"}]});
    assert_has(
        &errors(&[json_source("a.json", &components)]),
        &["`components/schemas` must be an object, found an array", "--> a.json#/components/schemas"],
    );
}

#[test]
fn path_templates_must_be_well_formed() {
    let id = string_param("path", "id");
    let report = errors(&[json_source("a.json", &doc(json!({"/a/{id}/b/{id}": {"get": op_with(json!([id]))}})))]);
    assert_has(
        &report,
        &["`{id}` appears twice in the path `/a/{id}/b/{id}`", "--> a.json#/paths/~1a~1{id}~1b~1{id}/get"],
    );
    let report = errors(&[json_source(
        "a.json",
        &doc(
            json!({"/a/{id": {"get": op_with(json!([id]))}, "/b/id}": {"get": ok_op("b")}, "/c/{}": {"get": ok_op("c")}}),
        ),
    )]);
    assert_has(
        &report,
        &[
            "unbalanced `{` in the path `/a/{id`",
            "unbalanced `}` in the path `/b/id}`",
            "empty `{}` in the path `/c/{}`",
            // One error each: no `{id}` "declared but not in the path", no `{}` "not declared".
            "failed with 3 errors",
        ],
    );
}

#[test]
fn parameter_names_must_be_valid_on_the_wire() {
    let report = errors(&[json_source(
        "a.json",
        &doc(
            json!({"/a": {"get": op_with(json!([string_param("header", "X Bad"), string_param("header", "X-Ok:"), string_param("cookie", "a;b"), string_param("header", "")]))}}),
        ),
    )]);
    assert_has(
        &report,
        &[
            "header parameter \"X Bad\" is not a valid HTTP header name",
            "--> a.json#/paths/~1a/get/parameters/0",
            "header parameter \"X-Ok:\" is not a valid HTTP header name",
            "cookie parameter \"a;b\" is not a valid cookie name",
            "--> a.json#/paths/~1a/get/parameters/2",
            "header parameter \"\" is not a valid HTTP header name",
        ],
    );
    // An API key's header or cookie name is checked the same way.
    let mut scheme = doc(json!({"/a": {"get": ok_op("a")}}));
    scheme["security"] = json!([{"Key": []}]);
    scheme["components"] = json!({"securitySchemes": {"Key": {"type": "apiKey", "in": "header", "name": "X Key"}}});
    assert_has(
        &errors(&[json_source("a.json", &scheme)]),
        &[
            "API key header name \"X Key\" is not a valid HTTP header name",
            "--> a.json#/components/securitySchemes/Key",
        ],
    );
    // A custom HTTP scheme's name goes before the token in `Authorization`: it must be a token,
    // nothing that could end or split the header.
    scheme["components"] = json!({"securitySchemes": {"Key": {"type": "http", "scheme": "to ken\r\nX-Evil: 1"}}});
    assert_has(
        &errors(&[json_source("a.json", &scheme)]),
        &["HTTP authentication scheme \"to ken\\r\\nX-Evil: 1\" is not a valid scheme name"],
    );
}

#[test]
fn duplicate_parameters_in_one_list_are_errors() {
    let q = string_param("query", "q");
    let report = errors(&[json_source("a.json", &doc(json!({"/a": {"get": op_with(json!([q, q]))}})))]);
    assert_has(
        &report,
        &["query parameter \"q\" is declared twice", "--> a.json#/paths/~1a/get/parameters/1", "first declared here"],
    );
    // Header names are case-insensitive.
    let report = errors(&[json_source(
        "a.json",
        &doc(
            json!({"/a": {"parameters": [string_param("header", "X-Id"), string_param("header", "x-id")], "get": ok_op("a")}}),
        ),
    )]);
    assert_has(&report, &["header parameter \"x-id\" is declared twice", "--> a.json#/paths/~1a/parameters/1"]);
    // An operation's parameter overriding the path item's of the same name and location is legal.
    let item = json!({"in": "query", "name": "q", "schema": {"type": "integer"}});
    let generated = generate_with(
        &Config::default(),
        &doc(json!({"/a": {"parameters": [item, string_param("header", "X-Id")], "get": op_with(json!([q, string_param("header", "x-id")]))}})),
    )
    .unwrap();
    let params: Vec<(&str, &apigen::ir::Ty)> =
        generated.api.operations[0].params.iter().map(|p| (p.wire.as_str(), &p.ty)).collect();
    assert_eq!(params, [("q", &apigen::ir::Ty::String), ("x-id", &apigen::ir::Ty::String)]);
}

#[test]
fn framing_headers_are_refused() {
    let names = ["Host", "content-length", "Transfer-Encoding", "Connection", "Proxy-Authorization", "Expect", "TE"];
    let params: Vec<Value> = names.iter().map(|n| string_param("header", n)).collect();
    let report = errors(&[json_source("a.json", &doc(json!({"/a": {"get": op_with(Value::Array(params))}})))]);
    for (i, name) in names.iter().enumerate() {
        assert_has(
            &report,
            &[
                &format!("header parameter {name:?} sets a header the HTTP client controls"),
                &format!("--> a.json#/paths/~1a/get/parameters/{i}"),
            ],
        );
    }
    let mut scheme = doc(json!({"/a": {"get": ok_op("a")}}));
    scheme["security"] = json!([{"Key": []}]);
    scheme["components"] = json!({"securitySchemes": {"Key": {"type": "apiKey", "in": "header", "name": "Host"}}});
    assert_has(
        &errors(&[json_source("a.json", &scheme)]),
        &["API key header name \"Host\" sets a header the HTTP client controls"],
    );
}

#[test]
fn accept_content_type_and_authorization_parameters_are_ignored_with_a_warning() {
    let params = json!([
        string_param("header", "Accept"),
        string_param("header", "Content-Type"),
        string_param("header", "authorization"),
        string_param("header", "X-Kept")
    ]);
    let generated = generate_with(&Config::default(), &doc(json!({"/a": {"get": op_with(params)}}))).unwrap();
    let wires: Vec<&str> = generated.api.operations[0].params.iter().map(|p| p.wire.as_str()).collect();
    assert_eq!(wires, ["X-Kept"]);
    let warnings: Vec<String> = generated.api.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert_has(
        &warnings.join("\n"),
        &[
            "warning: header parameter \"Accept\" is ignored",
            "--> a.json#/paths/~1a/get/parameters/0",
            "warning: header parameter \"Content-Type\" is ignored",
            "warning: header parameter \"authorization\" is ignored",
        ],
    );
}

#[test]
fn operation_ids_never_shadow_the_clients_own_or_trait_methods() {
    let ops = ["clone", "fmt", "to_owned", "into", "borrow", "type_id", "eq", "hash", "drop", "new_request_at"];
    let paths: serde_json::Map<String, Value> =
        ops.iter().map(|id| (format!("/{id}"), json!({"get": ok_op(id)}))).collect();
    let generated = generate_with(&Config::default(), &doc(Value::Object(paths))).unwrap();
    let mut names: Vec<&str> = generated.api.operations.iter().map(|o| o.names.method.raw()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "borrow_2",
            "clone_2",
            "drop_2",
            "eq_2",
            "fmt_2",
            "hash_2",
            "into_2",
            "new_request_at_2",
            "to_owned_2",
            "type_id_2"
        ]
    );
}

#[test]
fn a_method_never_takes_the_name_of_anothers_companion() {
    // `list` has documented response headers: the name `list_with_headers` stays reserved for it
    // (a method of the client in earlier versions; now its request's `send_with_headers`).
    let list = json!({"operationId": "list", "responses": {"200": {"description": "ok", "headers": {"X-Total": {"schema": {"type": "integer"}}}}}});
    let v = doc(json!({"/a": {"get": list}, "/b": {"get": ok_op("list_with_headers")}}));
    let generated = generate_with(&Config::default(), &v).unwrap();
    let names: Vec<&str> = generated.api.operations.iter().map(|o| o.names.method.raw()).collect();
    assert_eq!(names, ["list", "list_with_headers_2"]);
    // The headers are read by the request's `send_with_headers`.
    let operations = &generated.files["src/operations.rs"];
    assert_eq!(operations.matches("pub fn send_with_headers(").count(), 1);
    assert_eq!(operations.matches("pub fn list_with_headers_2(").count(), 1);
}

#[test]
fn method_overrides_are_checked_against_the_client_and_each_other() {
    let paths: serde_json::Map<String, Value> =
        ["a", "b", "c", "d", "e", "f"].iter().map(|id| (format!("/{id}"), json!({"get": ok_op(id)}))).collect();
    let v = doc(Value::Object(paths));
    let cfg = config(
        "[methods]\na = \"clone\"\nb = \"same\"\nc = \"same\"\nd = \"list\"\ne = \"list_stream\"\nf = \"not a name\"\n",
    );
    let report = generate_with(&cfg, &v).unwrap_err();
    assert_has(
        &report,
        &[
            "method name \"clone\" is taken by the client",
            "--> apigen.toml:2:1#/methods/a",
            "method name \"same\" is given to two operations",
            "--> apigen.toml:4:1#/methods/c",
            "method names \"list_stream\" and \"list\" collide: both would have a method `list_stream`",
            "--> apigen.toml:6:1#/methods/e",
            "method name \"not a name\" is not a snake_case Rust identifier",
            "--> apigen.toml:7:1#/methods/f",
            "failed with 4 errors",
        ],
    );
}

#[test]
fn type_overrides_are_checked_against_each_other_with_their_line() {
    let body = |prop: &str| json!({"operationId": prop, "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object", "properties": {prop: {"type": "string"}}}}}}}});
    let v = doc(json!({"/a": {"get": body("a")}, "/b": {"get": body("b")}}));
    let schema = |p: &str| format!("/paths/~1{p}/get/responses/200/content/application~1json/schema");
    let cfg = config(&format!("[types]\n\"{}\" = \"Thing\"\n\"{}\" = \"Thing\"\n", schema("a"), schema("b")));
    assert_has(
        &generate_with(&cfg, &v).unwrap_err(),
        &["type name \"Thing\" is given to two different types", "--> apigen.toml:3:1#/types/~1paths"],
    );
}

#[test]
fn package_names_and_versions_must_be_what_cargo_accepts() {
    let v = doc(json!({"/a": {"get": ok_op("a")}}));
    let report = generate_with(&config("[package]\nname = \"my.api\"\nversion = \"1.0\"\n"), &v).unwrap_err();
    assert_has(
        &report,
        &[
            "crate name \"my.api\" may only contain ASCII letters, digits, `-` and `_`",
            "--> apigen.toml:2:1#/package/name",
            "package version \"1.0\" is not a semantic version",
            "--> apigen.toml:3:1#/package/version",
        ],
    );
    for bad in ["std", "1api", "", "self"] {
        let mut cfg = Config::default();
        cfg.package.name = Some(bad.into());
        assert_has(&generate_with(&cfg, &v).unwrap_err(), &[&format!("crate name {bad:?}")]);
    }
    // `--crate-name` is checked the same way, before anything is read.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/auth");
    let args = apigen::cli::CodegenArgs {
        check: true,
        specs: Some("specs".into()),
        out: Some("expected".into()),
        crate_name: Some("my.api".into()),
        config: None,
        dump_ir: false,
        relock: false,
        strict: false,
        max_diff_lines: 10,
        limits: Default::default(),
    };
    let report = apigen::cli::load_and_generate(&root, "x", &args).unwrap_err().to_string();
    assert_has(&report, &["crate name \"my.api\" may only contain", "--> --crate-name"]);
    // A name made from a title that starts with a digit gets a prefix.
    let mut titled = v.clone();
    titled["info"]["title"] = json!("3D Printing");
    let generated = generate_with(&Config::default(), &titled).unwrap();
    assert!(
        generated.files["Cargo.toml"].contains("name = \"api-3d-printing-client\""),
        "{}",
        generated.files["Cargo.toml"]
    );
}

fn with_servers(servers: Value) -> Value {
    let mut v = doc(json!({"/a": {"get": ok_op("a")}}));
    v["servers"] = servers;
    v
}

#[test]
fn server_variables_take_their_defaults_and_must_be_defined() {
    let v = with_servers(json!([{"url": "https://{region}.example.com/{version}", "variables": {
        "region": {"default": "eu", "enum": ["eu", "us"]}, "version": {"default": "v1"}}}]));
    let generated = generate_with(&Config::default(), &v).unwrap();
    assert_eq!(generated.api.default_base_url.as_deref(), Some("https://eu.example.com/v1"));
    let client = &generated.files["src/client.rs"];
    assert!(client.contains("pub const DEFAULT_BASE_URL: &str = \"https://eu.example.com/v1\";"), "{client}");
    assert!(client.contains("pub fn server_variable("), "{client}");

    let report =
        generate_with(&Config::default(), &with_servers(json!([{"url": "https://{region}.example.com"}]))).unwrap_err();
    assert_has(&report, &["server URL variable `{region}` is not defined", "--> a.json#/servers/0/url"]);
    let report = generate_with(
        &Config::default(),
        &with_servers(json!([{"url": "https://{region}.example.com", "variables": {"region": {"default": "xx", "enum": ["eu"]}}}])),
    )
    .unwrap_err();
    assert_has(
        &report,
        &[
            "default \"xx\" of server variable `region` is not one of its values",
            "--> a.json#/servers/0/variables/region",
        ],
    );
}

#[test]
fn default_servers_must_be_http_urls() {
    for (url, problem) in [
        ("javascript:alert(1)", "is not an http(s) URL"),
        ("file:///etc/passwd", "is not an http(s) URL"),
        ("ftp://example.com", "is not an http(s) URL"),
        ("https://example.com/?key=1", "must be able to take a path, with no query or fragment"),
        ("https://exa mple.com", "is not a valid URL"),
    ] {
        let report = generate_with(&Config::default(), &with_servers(json!([{"url": url}]))).unwrap_err();
        assert_has(&report, &[&format!("server URL {url:?} {problem}"), "--> a.json#/servers/0/url"]);
    }
    // A relative URL is legal OpenAPI (relative to where the document is served): it stays the
    // default, and the client needs `base_url` to be built.
    let generated = generate_with(&Config::default(), &with_servers(json!([{"url": "/v1"}]))).unwrap();
    assert_eq!(generated.api.default_base_url.as_deref(), Some("/v1"));
    // An operation's own server is checked the same way, not left out.
    let mut own = doc(json!({"/a": {"get": ok_op("a"), "servers": [{"url": "ftp://files.example.com"}]}}));
    own["servers"] = json!([{"url": "https://example.com"}]);
    let report = generate_with(&Config::default(), &own).unwrap_err();
    assert_has(
        &report,
        &["server URL \"ftp://files.example.com\" is not an http(s) URL", "--> a.json#/paths/~1a/servers/0/url"],
    );
}

#[test]
fn server_variables_on_the_builder_cannot_move_the_host() {
    use fixture_auth::{Client, DEFAULT_BASE_URL};
    assert_eq!(DEFAULT_BASE_URL, "https://auth.example.com/v1");
    let url = |b: fixture_auth::ClientBuilder| b.build().map(|c| c.base_url().to_string()).map_err(|e| e.to_string());
    assert_eq!(url(Client::builder()).unwrap(), "https://auth.example.com/v1");
    assert_eq!(url(Client::builder().server_variable("version", "v2")).unwrap(), "https://auth.example.com/v2");
    assert_eq!(url(Client::builder().server_variable("host", "eu.example.com")).unwrap(), "https://eu.example.com/v1");
    for (name, value, problem) in [
        ("version", "v3", "must be one of [\"v1\", \"v2\"]"),
        ("host", "evil.com/x?", "is not DNS labels"),
        ("host", "user@evil.com", "is not DNS labels"),
        ("host", "evil.com:80", "is not DNS labels"),
        ("region", "eu", "no variable `region`"),
    ] {
        let err = url(Client::builder().server_variable(name, value)).unwrap_err();
        assert!(err.contains(problem), "{name}={value}: {err}");
    }
    let err = url(Client::builder().base_url("http://localhost:1").server_variable("version", "v2")).unwrap_err();
    assert!(err.contains("not to one set with `base_url`"), "{err}");
}

#[test]
fn a_long_title_gives_a_crate_name_cut_at_a_word() {
    let mut spec = doc(json!({"/a": {"get": ok_op("a")}}));
    spec["info"]["title"] =
        json!("The Extraordinarily Long Title Of An Application Programming Interface For Everything");
    let generated = apigen::generate(&Config::default(), &[json_source("a.json", &spec)]).unwrap();
    let manifest: toml::Table = generated.files["Cargo.toml"].parse().unwrap();
    let name = manifest["package"]["name"].as_str().unwrap();
    assert_eq!(name, "the-extraordinarily-long-title-of-an-application-client");
    assert!(name.len() <= 64);
}

#[test]
fn an_operations_relative_server_is_a_plain_path_on_the_same_host() {
    let with_own = |url: &str| {
        let mut v = doc(json!({"/a": {"get": {"operationId": "a", "servers": [{"url": url}],
            "responses": {"204": {"description": "ok"}}}}}));
        v["servers"] = json!([{"url": "https://api.example.com/v1"}]);
        v
    };
    for url in [
        "//evil.com/x",
        "/\\evil.com/x",
        "/\t/evil.com",
        "/\n/evil.com",
        "/ /evil.com",
        "/v2/../../admin",
        "/./v2",
        "/%2e%2E/admin",
        "/v2?key=1",
        "/v2#top",
        "/a//b",
        "/caf\u{e9}",
    ] {
        let report = generate_with(&Config::default(), &with_own(url)).unwrap_err();
        assert_has(&report, &[&format!("server URL {url:?}"), "--> a.json#/paths/~1a/get/servers/0/url"]);
    }
    // Through a variable's default too.
    let mut v = with_own("/{p}");
    v["paths"]["/a"]["get"]["servers"][0]["variables"] = json!({"p": {"default": "\\evil.com"}});
    assert_has(&generate_with(&Config::default(), &v).unwrap_err(), &["server URL \"/\\\\evil.com\""]);
    // A plain path is kept.
    let generated = generate_with(&Config::default(), &with_own("/v2/uploads")).unwrap();
    assert_eq!(generated.api.operations[0].server.as_deref(), Some("/v2/uploads"));
}

#[test]
fn path_templates_cannot_leave_or_corrupt_the_base_urls_path() {
    let id = string_param("path", "id");
    for path in [
        "/../admin",
        "/a/./b",
        "/a/%2e%2e/b",
        "/a/{id}/..",
        "/a\\b",
        "/a\tb",
        "/a b",
        "/a\u{7f}",
        "/../a?x=1",
        "/a?x= 1",
        "/a#\u{1b}",
    ] {
        let op = if path.contains("{id}") { op_with(json!([id])) } else { ok_op("a") };
        let report = errors(&[json_source("a.json", &doc(json!({ path: {"get": op} })))]);
        // Reports write control characters out.
        let shown: String = path
            .chars()
            .map(|c| if c.is_control() { format!("\\u{{{:x}}}", u32::from(c)) } else { c.to_string() })
            .collect();
        let pointer = format!("--> a.json#/paths/{}", shown.replace('~', "~0").replace('/', "~1"));
        assert_has(&report, &[&pointer, "failed with 1 error"]);
    }
    // Dots inside a segment, `//`, and the parameters' own braces are fine.
    let ok = doc(json!({"/a.b/..c/{id}.json//x": {"get": op_with(json!([id]))}}));
    generate_with(&Config::default(), &ok).unwrap();
}

/// Real specs write a fixed query string into a path key, or label operations with a fragment
/// (AWS's `/#X-Amz-Target=…`): taken as written, with a warning each, never refused.
#[test]
fn query_strings_and_fragments_in_path_keys_are_taken_as_written_with_a_warning() {
    let lat = string_param("query", "unused");
    let id = string_param("path", "id");
    let spec = doc(json!({
        "/alerts/{id}?units=metric": {"get": op_with(json!([id, lat]))},
        "/#X-Amz-Target=Service.List": {"post": ok_op("list")},
    }));
    let generated = generate_with(&Config::default(), &spec).unwrap();
    let warnings: Vec<String> = generated.api.warnings.iter().map(ToString::to_string).collect();
    assert_has(
        &warnings.join("\n"),
        &[
            r#"path "/alerts/{id}?units=metric" carries a query string `?units=metric`: it is sent as written"#,
            r#"path "/#X-Amz-Target=Service.List" has a fragment `#X-Amz-Target=Service.List`, which is never sent: requests go to "/""#,
        ],
    );
    let operations = &generated.files["src/operations.rs"];
    assert!(operations.contains(r#"PathPart::Literal("?units=metric")"#), "{operations}");
    assert!(!operations.contains(r#"PathPart::Literal("/#"#), "{operations}");
}

#[test]
fn a_query_pair_templated_with_a_parameter_another_operation_declares_is_not_sent() {
    // The `GET`'s paging written into the path key, which the `POST` shares without declaring it.
    let page = string_param("path", "page");
    let spec = doc(json!({
        "/rides?page={page}&sort=asc": {"get": op_with(json!([page])), "post": ok_op("createRide")},
    }));
    let generated = generate_with(&Config::default(), &spec).unwrap();
    let warnings: Vec<String> = generated.api.warnings.iter().map(ToString::to_string).collect();
    assert_has(
        &warnings.join("\n"),
        &[
            r#"`page={page}` in the query string of the path "/rides?page={page}&sort=asc": this operation declares no parameter {page}, so it is not sent"#,
        ],
    );
    let operations: String = generated.files["src/operations.rs"].split_whitespace().collect();
    // The `GET` sends it; the `POST` sends the rest of the query.
    assert!(operations.contains(r#"PathPart::Literal("/rides?page="),PathPart::Inner(page)"#), "{operations}");
    assert!(operations.contains(r#"[PathPart::Literal("/rides?sort=asc")]"#), "{operations}");
}

/// The fields and methods of `Client` and `ClientBuilder` in a generated `client.rs`: the type,
/// `field` or `fn`, and the name, in the order met.
fn client_members(client_rs: &str) -> Vec<(String, &'static str, String)> {
    let file = syn::parse_file(client_rs).unwrap();
    let mut members = Vec::new();
    for item in file.items {
        match item {
            syn::Item::Struct(s) if s.ident == "Client" || s.ident == "ClientBuilder" => {
                for f in s.fields {
                    members.push((s.ident.to_string(), "field", f.ident.unwrap().to_string()));
                }
            }
            syn::Item::Impl(i) if i.trait_.is_none() => {
                let syn::Type::Path(p) = *i.self_ty else { continue };
                let owner = p.path.segments.last().unwrap().ident.to_string();
                if owner != "Client" && owner != "ClientBuilder" {
                    continue;
                }
                for item in i.items {
                    if let syn::ImplItem::Fn(f) = item {
                        members.push((owner.clone(), "fn", f.sig.ident.to_string()));
                    }
                }
            }
            _ => {}
        }
    }
    members
}

#[test]
fn security_schemes_never_take_the_name_of_a_client_or_builder_member() {
    use apigen::naming::CLIENT_MEMBERS;
    // Every part of the client: server variables, an operation with its own server, operations,
    // and an API key scheme named after each member (two or more: each is named by its key).
    let names: Vec<&str> = CLIENT_MEMBERS.iter().copied().chain(["key"]).collect();
    let mut v = doc(json!({
        "/a": {"get": {"operationId": "a", "servers": [{"url": "/v2"}], "responses": {"204": {"description": "ok"}}}},
        "/b": {"get": ok_op("b")},
    }));
    v["servers"] = json!([{"url": "https://{region}.example.com", "variables": {"region": {"default": "eu"}}}]);
    let schemes: serde_json::Map<String, Value> = names
        .iter()
        .map(|n| (n.to_string(), json!({"type": "apiKey", "in": "header", "name": format!("X-{n}")})))
        .collect();
    v["components"] = json!({"securitySchemes": schemes});
    v["security"] = json!([names.iter().map(|n| (n.to_string(), json!([]))).collect::<serde_json::Map<_, _>>()]);
    let generated = generate_with(&Config::default(), &v).unwrap();
    let members = client_members(&generated.files["src/client.rs"]);
    let setters: Vec<&str> = generated.api.auth.iter().map(|s| s.setter.as_str()).collect();
    assert!(members.len() > 20 && setters.len() == names.len(), "{members:?}");
    for member @ (owner, kind, name) in &members {
        // A field and a method of one name are fine; the same name twice as either is not.
        let count = members.iter().filter(|m| m == &member).count();
        assert_eq!(count, 1, "{owner} has {count} {kind}s named {name}");
        assert!(
            setters.contains(&name.as_str()) || CLIENT_MEMBERS.contains(&name.as_str()),
            "{owner}::{name} is not in naming::CLIENT_MEMBERS"
        );
    }
    for setter in setters {
        assert!(!CLIENT_MEMBERS.contains(&setter), "a scheme setter is named {setter}");
    }
}

/// A host variable whose own values the client could never take (`localhost:8080` is not DNS
/// labels) is not offered on the builder: the default is the base URL, and `base_url` picks another.
#[test]
fn host_variables_the_client_could_never_set_are_not_offered() {
    let generate_client = |default: &str| {
        let mut spec = doc(json!({"/a": {"get": ok_op("a")}}));
        spec["servers"] = json!([{"url": "https://{host}/v1", "variables": {"host": {"default": default}}}]);
        let generated = generate_with(&Config::default(), &spec).unwrap();
        generated.files["src/client.rs"].clone()
    };
    let offered = generate_client("api.example.com");
    assert!(offered.contains("pub fn server_variable("), "{offered}");
    let client = generate_client("localhost:8080");
    assert!(client.contains(r#"pub const DEFAULT_BASE_URL: &str = "https://localhost:8080/v1";"#), "{client}");
    assert!(!client.contains("server_variable"), "{client}");
}

/// A request body's media type is sent as its `Content-Type`: one that cannot be a header value
/// (a CR LF) or is not `type/subtype` would make every call fail, so it is refused where it is.
#[test]
fn request_media_types_must_be_content_types() {
    for media in ["text/plain\r\nX-Injected: 1", "json", "text/", "a b/c"] {
        let op = json!({"operationId": "a", "requestBody": {"content": {media: {"schema": {"type": "string"}}}}, "responses": {"204": {"description": "ok"}}});
        let report = errors(&[json_source("a.json", &doc(json!({"/a": {"post": op}})))]);
        assert_has(&report, &[&format!("media type {media:?}"), "--> a.json#/paths/~1a/post/requestBody/content/"]);
    }
    let mut spec = doc(
        json!({"/a": {"post": {"operationId": "a", "requestBody": {"$ref": "#/components/requestBodies/B"}, "responses": {"204": {"description": "ok"}}}}}),
    );
    spec["components"] = json!({"requestBodies": {"B": {"content": {"bad type/x": {}}}}});
    assert_has(
        &errors(&[json_source("a.json", &spec)]),
        &["--> a.json#/components/requestBodies/B/content/bad type~1x"],
    );
    // Parameters, suffixes and wildcards are media types.
    for media in ["text/plain; charset=utf-8", "application/vnd.api+json", "*/*", "application/*"] {
        let op = json!({"operationId": "a", "requestBody": {"content": {media: {"schema": {"type": "string"}}}}, "responses": {"204": {"description": "ok"}}});
        generate_with(&Config::default(), &doc(json!({"/a": {"post": op}}))).unwrap();
    }
}
