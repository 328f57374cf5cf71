//! The drift report on planted changes: one change of each kind, with its class and pointers.

use apigen::drift::{Change, Class, diff, render_json, render_markdown, render_text};
use apigen::surface::{self, Edit, ItemKind, RustChange, Surface};
use serde_json::{Value, json};

const LIST: &str = "/paths/~1api~1v1~1api-keys/get";
const CREATE: &str = "/paths/~1api~1v1~1api-keys/post";
const GET: &str = "/paths/~1api~1v1~1api-keys~1{appname}/get";
const DELETE: &str = "/paths/~1api~1v1~1api-keys~1{appname}/delete";
const CREATE_BODY: &str = "/paths/~1api~1v1~1api-keys/post/requestBody/content/application~1json/schema/allOf/0";
const GET_RECORD: &str =
    "/paths/~1api~1v1~1api-keys~1{appname}/get/responses/200/content/application~1json/schema/properties/data/allOf/0";

/// The merged spec of the seed operations.
fn seed() -> Value {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    apigen::merge_sources(&apigen::load::read_dir(&dir).unwrap()).unwrap().doc
}

fn at<'a>(doc: &'a mut Value, pointer: &str) -> &'a mut Value {
    doc.pointer_mut(pointer).unwrap_or_else(|| panic!("no {pointer}"))
}

/// The changes from `base` to `base` edited by `edit`.
fn changes(base: &Value, edit: impl FnOnce(&mut Value)) -> Vec<Change> {
    let mut current = base.clone();
    edit(&mut current);
    diff(base, &current).unwrap()
}

/// The one change with rule `id`; asserts there is exactly one change in all.
fn only(changes: &[Change], id: &str) -> Change {
    assert_eq!(changes.len(), 1, "expected only {id}: {changes:#?}");
    assert_eq!(changes[0].id, id, "{changes:#?}");
    changes[0].clone()
}

fn assert_change(c: &Change, class: Class, operation: &str, base: Option<&str>, current: Option<&str>) {
    assert_eq!(c.class, class, "{c:#?}");
    assert_eq!(c.operation, operation, "{c:#?}");
    assert_eq!(c.base.as_deref(), base, "{c:#?}");
    assert_eq!(c.current.as_deref(), current, "{c:#?}");
}

fn query_param(name: &str, required: bool, schema: Value) -> Value {
    json!({"in": "query", "name": name, "required": required, "schema": schema})
}

#[test]
fn no_change_is_an_empty_report() {
    let base = seed();
    assert!(diff(&base, &base).unwrap().is_empty());
    assert_eq!(render_text(&[], &[]), "no changes\n");
}

#[test]
fn operations_removed_and_added() {
    let base = seed();
    let c = only(
        &changes(&base, |d| {
            drop(at(d, "/paths/~1api~1v1~1api-keys~1{appname}").as_object_mut().unwrap().remove("delete"))
        }),
        "endpoint-removed",
    );
    assert_change(&c, Class::Breaking, "DELETE /api/v1/api-keys/{appname}", Some(DELETE), None);

    let c = only(
        &changes(&base, |d| {
            let op = json!({"operationId": "users", "responses": {"204": {"description": "ok"}}});
            at(d, "/paths").as_object_mut().unwrap().insert("/api/v1/users".into(), json!({"get": op}));
        }),
        "endpoint-added",
    );
    assert_change(&c, Class::NonBreaking, "GET /api/v1/users", None, Some("/paths/~1api~1v1~1users/get"));
}

#[test]
fn parameters_added_removed_required_moved_and_retyped() {
    let base = seed();
    let p0 = format!("{LIST}/parameters/0");

    let c = only(
        &changes(&base, |d| {
            drop(
                at(d, LIST)
                    .as_object_mut()
                    .unwrap()
                    .insert("parameters".into(), json!([query_param("q", true, json!({"type": "string"}))])),
            )
        }),
        "new-required-request-parameter",
    );
    assert_change(&c, Class::Breaking, "GET /api/v1/api-keys", None, Some(&p0));

    let c = only(
        &changes(&base, |d| {
            drop(
                at(d, LIST)
                    .as_object_mut()
                    .unwrap()
                    .insert("parameters".into(), json!([query_param("q", false, json!({"type": "string"}))])),
            )
        }),
        "new-optional-request-parameter",
    );
    assert_change(&c, Class::NonBreaking, "GET /api/v1/api-keys", None, Some(&p0));

    // The others start from a base that has an optional `q`.
    let mut with_q = base.clone();
    at(&mut with_q, LIST)
        .as_object_mut()
        .unwrap()
        .insert("parameters".into(), json!([query_param("q", false, json!({"type": "string", "enum": ["a", "b"]}))]));

    let c = only(
        &changes(&with_q, |d| drop(at(d, LIST).as_object_mut().unwrap().remove("parameters"))),
        "request-parameter-removed",
    );
    assert_change(&c, Class::Breaking, "GET /api/v1/api-keys", Some(&p0), None);

    let c = only(
        &changes(&with_q, |d| *at(d, &format!("{p0}/required")) = json!(true)),
        "request-parameter-became-required",
    );
    assert_change(&c, Class::Breaking, "GET /api/v1/api-keys", Some(&p0), Some(&p0));

    // Optional arguments are setters on the request, so the argument callers pass goes away.
    let mut with_required_q = with_q.clone();
    *at(&mut with_required_q, &format!("{p0}/required")) = json!(true);
    let c = only(
        &changes(&with_required_q, |d| *at(d, &format!("{p0}/required")) = json!(false)),
        "request-parameter-became-optional",
    );
    assert_change(&c, Class::Breaking, "GET /api/v1/api-keys", Some(&p0), Some(&p0));

    let c = only(
        &changes(&with_q, |d| *at(d, &format!("{p0}/in")) = json!("header")),
        "request-parameter-location-changed",
    );
    assert_change(&c, Class::Breaking, "GET /api/v1/api-keys", Some(&p0), Some(&p0));
    assert_eq!(c.message, "parameter `q` moved from query to header");

    let c = only(
        &changes(&with_q, |d| *at(d, &format!("{p0}/schema")) = json!({"type": "integer"})),
        "request-parameter-type-changed",
    );
    assert_change(&c, Class::Breaking, "GET /api/v1/api-keys", Some(&p0), Some(&p0));

    let schema = format!("{p0}/schema");
    let c = only(
        &changes(&with_q, |d| *at(d, &format!("{schema}/enum")) = json!(["a"])),
        "request-parameter-enum-value-removed",
    );
    assert_change(&c, Class::Breaking, "GET /api/v1/api-keys", Some(&schema), Some(&schema));
    let c = only(
        &changes(&with_q, |d| *at(d, &format!("{schema}/enum")) = json!(["a", "b", "c"])),
        "request-parameter-enum-value-added",
    );
    assert_eq!(c.class, Class::NonBreaking);
}

#[test]
fn request_body_properties() {
    let base = seed();
    let props = format!("{CREATE_BODY}/properties");
    let op = "POST /api/v1/api-keys";

    let c = only(
        &changes(&base, |d| {
            at(d, &props).as_object_mut().unwrap().insert("owner".into(), json!({"type": "string"}));
            at(d, &format!("{CREATE_BODY}/required")).as_array_mut().unwrap().push(json!("owner"));
        }),
        "new-required-request-property",
    );
    assert_change(&c, Class::Breaking, op, None, Some(&format!("{props}/owner")));

    let c = only(
        &changes(&base, |d| {
            drop(at(d, &props).as_object_mut().unwrap().insert("owner".into(), json!({"type": "string"})))
        }),
        "new-optional-request-property",
    );
    assert_eq!(c.class, Class::NonBreaking);

    let c = only(
        &changes(&base, |d| drop(at(d, &props).as_object_mut().unwrap().remove("description"))),
        "request-property-removed",
    );
    assert_change(&c, Class::Breaking, op, Some(&format!("{props}/description")), None);

    let c = only(
        &changes(&base, |d| {
            at(d, &format!("{CREATE_BODY}/required")).as_array_mut().unwrap().push(json!("description"))
        }),
        "request-property-became-required",
    );
    assert_change(
        &c,
        Class::Breaking,
        op,
        Some(&format!("{props}/description")),
        Some(&format!("{props}/description")),
    );

    let c = only(
        &changes(&base, |d| *at(d, &format!("{props}/roles")) = json!({"type": "string"})),
        "request-property-type-changed",
    );
    assert_change(&c, Class::Breaking, op, Some(&format!("{props}/roles")), Some(&format!("{props}/roles")));

    // Enum values inside an array's items.
    let mut with_enum = base.clone();
    *at(&mut with_enum, &format!("{props}/roles/items")) = json!({"type": "string", "enum": ["ADMIN", "READONLY"]});
    let items = format!("{props}/roles/items");
    let c = only(
        &changes(&with_enum, |d| *at(d, &format!("{items}/enum")) = json!(["ADMIN"])),
        "request-property-enum-value-removed",
    );
    assert_change(&c, Class::Breaking, op, Some(&items), Some(&items));
    assert!(c.message.contains("\"READONLY\""), "{}", c.message);
}

#[test]
fn response_properties() {
    let base = seed();
    let props = format!("{GET_RECORD}/properties");
    let op = "GET /api/v1/api-keys/{appname}";

    let c = only(
        &changes(&base, |d| drop(at(d, &props).as_object_mut().unwrap().remove("last_ip"))),
        "response-property-removed",
    );
    assert_change(&c, Class::Breaking, op, Some(&format!("{props}/last_ip")), None);

    let c = only(
        &changes(&base, |d| *at(d, &format!("{props}/last_login/type")) = json!("string")),
        "response-property-type-changed",
    );
    assert_change(&c, Class::Breaking, op, Some(&format!("{props}/last_login")), Some(&format!("{props}/last_login")));
    assert!(c.message.contains("from number to string"), "{}", c.message);

    let c = only(
        &changes(&base, |d| {
            drop(at(d, &format!("{props}/last_ip")).as_object_mut().unwrap().insert("nullable".into(), json!(true)))
        }),
        "response-property-became-nullable",
    );
    assert_change(&c, Class::Breaking, op, Some(&format!("{props}/last_ip")), Some(&format!("{props}/last_ip")));

    let c = only(
        &changes(&base, |d| {
            drop(at(d, &props).as_object_mut().unwrap().insert("owner".into(), json!({"type": "string"})))
        }),
        "response-property-added",
    );
    assert_change(&c, Class::NonBreaking, op, None, Some(&format!("{props}/owner")));

    // The 400 error body: `message` no longer required.
    let err = format!("{GET}/responses/400/content/application~1json/schema/allOf/0");
    let c = only(
        &changes(&base, |d| *at(d, &format!("{err}/required")) = json!(["status", "name"])),
        "response-property-became-optional",
    );
    assert_change(
        &c,
        Class::Breaking,
        op,
        Some(&format!("{err}/properties/message")),
        Some(&format!("{err}/properties/message")),
    );

    // Response enum values: adding one is safe for the client (it keeps unknown values); removing
    // one removes the variant callers match.
    let mut with_enum = base.clone();
    *at(&mut with_enum, &format!("{props}/description")) = json!({"type": "string", "enum": ["a", "b"]});
    let c = only(
        &changes(&with_enum, |d| *at(d, &format!("{props}/description/enum")) = json!(["a", "b", "c"])),
        "response-property-enum-value-added",
    );
    assert_eq!(c.class, Class::NonBreaking);
    let c = only(
        &changes(&with_enum, |d| *at(d, &format!("{props}/description/enum")) = json!(["a"])),
        "response-property-enum-value-removed",
    );
    assert_eq!(c.class, Class::Breaking);
}

#[test]
fn status_codes() {
    let base = seed();
    let c = only(
        &changes(&base, |d| drop(at(d, &format!("{GET}/responses")).as_object_mut().unwrap().remove("403"))),
        "response-non-success-status-removed",
    );
    assert_change(&c, Class::Breaking, "GET /api/v1/api-keys/{appname}", Some(&format!("{GET}/responses/403")), None);

    let c = only(
        &changes(&base, |d| {
            drop(
                at(d, &format!("{GET}/responses"))
                    .as_object_mut()
                    .unwrap()
                    .insert("404".into(), json!({"description": "gone"})),
            )
        }),
        "response-non-success-status-added",
    );
    assert_change(
        &c,
        Class::NonBreaking,
        "GET /api/v1/api-keys/{appname}",
        None,
        Some(&format!("{GET}/responses/404")),
    );

    let c = changes(&base, |d| {
        let responses = at(d, &format!("{CREATE}/responses")).as_object_mut().unwrap();
        let created = responses.remove("201").unwrap();
        responses.insert("200".into(), created);
    });
    assert_eq!(c.len(), 2, "{c:#?}");
    let removed = c.iter().find(|c| c.id == "response-success-status-removed").unwrap();
    assert_change(removed, Class::Breaking, "POST /api/v1/api-keys", Some(&format!("{CREATE}/responses/201")), None);
    let added = c.iter().find(|c| c.id == "response-success-status-added").unwrap();
    assert_change(added, Class::Breaking, "POST /api/v1/api-keys", None, Some(&format!("{CREATE}/responses/200")));
}

#[test]
fn servers_and_security() {
    let base = seed();
    let c = changes(&base, |d| *at(d, "/servers/0/url") = json!("https://api.example.net"));
    assert_eq!(c.len(), 2, "{c:#?}");
    assert_change(&c[0], Class::Breaking, "*", Some("/servers/0/url"), None);
    assert_eq!(c[0].id, "server-removed");
    assert_change(&c[1], Class::NonBreaking, "*", None, Some("/servers/0/url"));

    let c = only(
        &changes(&base, |d| drop(at(d, LIST).as_object_mut().unwrap().insert("security".into(), json!([])))),
        "api-security-removed",
    );
    assert_change(&c, Class::NonBreaking, "GET /api/v1/api-keys", Some("/security"), Some(&format!("{LIST}/security")));

    let mut open = base.clone();
    at(&mut open, LIST).as_object_mut().unwrap().insert("security".into(), json!([]));
    let c =
        only(&changes(&open, |d| drop(at(d, LIST).as_object_mut().unwrap().remove("security"))), "api-security-added");
    assert_eq!(c.class, Class::Breaking);
    assert_eq!(c.message, "security changed from none to BearerAuth");
}

#[test]
fn several_changes_are_sorted_and_rendered() {
    let base = seed();
    let c = changes(&base, |d| {
        at(d, &format!("{GET_RECORD}/properties")).as_object_mut().unwrap().remove("last_ip");
        at(d, &format!("{GET_RECORD}/properties"))
            .as_object_mut()
            .unwrap()
            .insert("owner".into(), json!({"type": "string"}));
        at(d, "/paths/~1api~1v1~1api-keys~1{appname}").as_object_mut().unwrap().remove("delete");
    });
    let ops: Vec<(&str, &str)> = c.iter().map(|c| (c.operation.as_str(), c.id)).collect();
    assert_eq!(
        ops,
        [
            ("DELETE /api/v1/api-keys/{appname}", "endpoint-removed"),
            ("GET /api/v1/api-keys/{appname}", "response-property-removed"),
            ("GET /api/v1/api-keys/{appname}", "response-property-added"),
        ]
    );
    let md = render_markdown(&c, &[]);
    assert!(
        md.starts_with(
            "⚠️ **API drift:** 2 breaking, 1 non-breaking changes.\n\n| class | operation | change | base | current |\n"
        ),
        "{md}"
    );
    assert!(md.contains("| **breaking** | `DELETE /api/v1/api-keys/{appname}` | operation removed (`endpoint-removed`) | `#/paths/~1api~1v1~1api-keys~1{appname}/delete` | — |"), "{md}");
    let json: Value = serde_json::from_str(&render_json(&c, &[])).unwrap();
    assert_eq!(json["breaking"], 2);
    assert_eq!(json["changes"][2]["class"], "non-breaking");
    let text = render_text(&c, &[]);
    assert!(text.starts_with("2 breaking, 1 non-breaking changes\n"), "{text}");
}

#[test]
fn reports_write_out_terminal_escapes_and_bidi_controls() {
    let evil = "\u{1b}]0;title\u{7}\r\u{202e}";
    let c = vec![Change {
        operation: format!("GET /a{evil}"),
        class: Class::Breaking,
        id: "endpoint-removed",
        message: format!("property `x{evil}` removed"),
        base: Some(format!("/paths/~1a{evil}/get")),
        current: None,
    }];
    for report in [render_text(&c, &[]), render_markdown(&c, &[])] {
        let raw: Vec<char> = report
            .chars()
            .filter(|c| (c.is_control() && *c != '\n') || ('\u{202a}'..='\u{2069}').contains(c))
            .collect();
        assert!(raw.is_empty(), "{raw:?} in:\n{report}");
        assert!(report.contains("GET /a\\u{1b}]0;title\\u{7}\\u{d}\\u{202e}"), "{report}");
    }
}

/// A small document of its own, with the given paths.
fn doc(paths: Value) -> Value {
    json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": paths})
}

#[test]
fn operations_of_a_referenced_path_item_are_compared() {
    let ok = json!({"204": {"description": "ok"}});
    let base = doc(json!({
        "/copy": {"$ref": "#/paths/~1source"},
        "/source": {"get": {"operationId": "getSource", "responses": ok}}
    }));
    let c =
        only(&changes(&base, |d| drop(at(d, "/paths").as_object_mut().unwrap().remove("/copy"))), "endpoint-removed");
    assert_change(&c, Class::Breaking, "GET /copy", Some("/paths/~1source/get"), None);

    // A parameter added to the item the `$ref` points at is added to both operations.
    let changed = changes(&base, |d| {
        at(d, "/paths/~1source/get")
            .as_object_mut()
            .unwrap()
            .insert("parameters".into(), json!([query_param("q", true, json!({"type": "string"}))]));
    });
    let ops: Vec<(&str, &str)> = changed.iter().map(|c| (c.operation.as_str(), c.id)).collect();
    assert_eq!(
        ops,
        [("GET /copy", "new-required-request-parameter"), ("GET /source", "new-required-request-parameter")]
    );
}

#[test]
fn parameters_are_merged_by_name_and_location() {
    let item_limit = "/paths/~1a/parameters/0";
    let op_limit = "/paths/~1a/get/parameters/0";
    let base = doc(json!({"/a": {
        "parameters": [query_param("limit", false, json!({"type": "integer"}))],
        "get": {
            "parameters": [{"in": "header", "name": "limit", "required": false, "schema": {"type": "string"}}],
            "responses": {"204": {"description": "ok"}}
        }
    }}));
    // Same name, another location: both are parameters, and each is compared on its own.
    let c = only(
        &changes(&base, |d| drop(at(d, "/paths/~1a/get").as_object_mut().unwrap().remove("parameters"))),
        "request-parameter-removed",
    );
    assert_change(&c, Class::Breaking, "GET /a", Some(op_limit), None);
    assert_eq!(c.message, "header parameter `limit` removed");
    let c = only(
        &changes(&base, |d| *at(d, &format!("{item_limit}/required")) = json!(true)),
        "request-parameter-became-required",
    );
    assert_change(&c, Class::Breaking, "GET /a", Some(item_limit), Some(item_limit));
    assert_eq!(c.message, "query parameter `limit` became required");

    // Same name and location: the operation's overrides the path item's.
    let changed = changes(&base, |d| *at(d, &format!("{op_limit}/in")) = json!("query"));
    let found: Vec<(&str, Option<&str>, Option<&str>)> =
        changed.iter().map(|c| (c.id, c.base.as_deref(), c.current.as_deref())).collect();
    assert_eq!(
        found,
        [
            ("request-parameter-removed", Some(op_limit), None),
            ("request-parameter-type-changed", Some(item_limit), Some(op_limit))
        ]
    );
    let c =
        only(&changes(&base, |d| *at(d, &format!("{item_limit}/in")) = json!("header")), "request-parameter-removed");
    assert_change(&c, Class::Breaking, "GET /a", Some(item_limit), None);
    assert_eq!(c.message, "query parameter `limit` removed");

    // A parameter that moves keeps being reported as moved.
    let c = only(
        &changes(&base, |d| *at(d, &format!("{item_limit}/in")) = json!("cookie")),
        "request-parameter-location-changed",
    );
    assert_eq!(c.message, "parameter `limit` moved from query to cookie");
}

// The Rust API: what changes for code using the client generated from each side.

/// The specs folder's config and name lock, as `drift` reads them.
fn seed_config_and_lock() -> (apigen::config::Config, apigen::lock::Lock) {
    let specs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let read = |name: &str| std::fs::read_to_string(specs.join(name)).unwrap();
    let config = apigen::config::Config::parse("specs/apigen.toml", &read(apigen::config::FILE_NAME)).unwrap();
    (config, apigen::lock::Lock::parse("specs/apigen.lock", &read(apigen::lock::FILE_NAME)).unwrap())
}

/// The Rust API of the client generated from a merged spec, resolved as `drift` resolves one.
fn surface(doc: &Value, lock: &apigen::lock::Lock) -> Surface {
    let (config, _) = seed_config_and_lock();
    let source = apigen::load::Source::new("generated/openapi.json", serde_json::to_vec(doc).unwrap());
    let merged = apigen::merge_sources(&[source]).unwrap();
    let config = apigen::surface::config_for(&config, &merged.doc);
    Surface::of(&apigen::resolve_merged(&merged, &config, lock).unwrap().0)
}

/// The Rust API changes from `base` to `base` edited by `edit`, names kept by the seed's lock.
fn rust_changes(base: &Value, edit: impl FnOnce(&mut Value)) -> Vec<RustChange> {
    let (_, lock) = seed_config_and_lock();
    let mut current = base.clone();
    edit(&mut current);
    surface::diff(&surface(base, &lock), &surface(&current, &lock))
}

fn rust(item: &str, kind: ItemKind, change: Edit, class: Class) -> RustChange {
    RustChange { item: item.to_owned(), kind, change, class }
}

/// Sets the type of property `name` wherever an object under `at` has one.
fn retype(doc: &mut Value, name: &str, to: &str) {
    match doc {
        Value::Object(map) => {
            if let Some(p) = map.get_mut("properties").and_then(|p| p.get_mut(name)) {
                p["type"] = json!(to);
            }
            map.values_mut().for_each(|v| retype(v, name, to));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| retype(v, name, to)),
        _ => {}
    }
}

#[test]
fn a_retyped_response_property_is_its_rust_field_retyped() {
    let base = seed();
    // `ApiKeyRecord` is the record of list, get and update: its `last_ip` becomes an integer in all.
    let c = rust_changes(&base, |d| {
        for op in [LIST, GET, "/paths/~1api~1v1~1api-keys~1{appname}/put"] {
            retype(at(d, &format!("{op}/responses/200")), "last_ip", "integer");
        }
    });
    let changed = Edit::Changed { from: "Option<String>".into(), to: "Option<i64>".into() };
    assert_eq!(c, [rust("types::ApiKeyRecord::last_ip", ItemKind::Field, changed, Class::Breaking)]);
}

#[test]
fn summaries_edited_everywhere_change_no_rust_name_the_lock_keeps() {
    let base = seed();
    let edit = |d: &mut Value| {
        for item in at(d, "/paths").as_object_mut().unwrap().values_mut() {
            for op in item.as_object_mut().unwrap().values_mut() {
                op["summary"] = json!(format!("Renamed {}", op["summary"].as_str().unwrap()));
            }
        }
    };
    assert_eq!(rust_changes(&base, edit), []);

    // Without the lock the names follow the summaries: each method is renamed, not removed and added.
    let empty = apigen::lock::Lock::default();
    let mut current = base.clone();
    edit(&mut current);
    let c = surface::diff(&surface(&base, &empty), &surface(&current, &empty));
    let list = c.iter().find(|c| c.item == "Client::renamed_list_api_keys").unwrap();
    assert_eq!(list.change, Edit::Renamed { from: "Client::list_api_keys".into() });
    assert_eq!(list.class, Class::Breaking);
    assert!(c.iter().all(|c| !matches!(c.change, Edit::Added { .. } | Edit::Removed { .. })), "{c:#?}");
}

#[test]
fn a_removed_operation_is_its_method_removed() {
    let base = seed();
    let c = rust_changes(&base, |d| {
        drop(at(d, "/paths/~1api~1v1~1api-keys~1{appname}").as_object_mut().unwrap().remove("delete"))
    });
    let removed = Edit::Removed { signature: "(appname: &str) -> ()".into() };
    assert_eq!(c, [rust("Client::delete_api_key", ItemKind::Method, removed, Class::Breaking)]);
}

#[test]
fn an_optional_query_parameter_is_a_setter_added() {
    let base = seed();
    let c = rust_changes(&base, |d| {
        let q = query_param("q", false, json!({"type": "string"}));
        drop(at(d, LIST).as_object_mut().unwrap().insert("parameters".into(), json!([q])))
    });
    let added = Edit::Added { signature: "&str".into() };
    assert_eq!(c, [rust("operations::ListApiKeysRequest::q", ItemKind::Setter, added, Class::NonBreaking)]);

    // Required, it is an argument of the method: callers must pass it.
    let c = rust_changes(&base, |d| {
        let q = query_param("q", true, json!({"type": "integer", "format": "int32"}));
        drop(at(d, LIST).as_object_mut().unwrap().insert("parameters".into(), json!([q])))
    });
    let added = Edit::Added { signature: "i32".into() };
    assert_eq!(c, [rust("Client::list_api_keys::q", ItemKind::Argument, added, Class::Breaking)]);
}

#[test]
fn a_required_body_property_is_a_required_field_added() {
    let base = seed();
    let props = format!("{CREATE_BODY}/properties");
    let c = rust_changes(&base, |d| {
        at(d, &props).as_object_mut().unwrap().insert("owner".into(), json!({"type": "string"}));
        at(d, &format!("{CREATE_BODY}/required")).as_array_mut().unwrap().push(json!("owner"));
    });
    let added = Edit::Added { signature: "String".into() };
    assert_eq!(c, [rust("types::ApiKeyCreateConfig::owner", ItemKind::Field, added, Class::Breaking)]);

    // Optional, it is a field with a setter: nothing callers wrote changes.
    let c = rust_changes(&base, |d| {
        drop(at(d, &props).as_object_mut().unwrap().insert("owner".into(), json!({"type": "string"})))
    });
    let added = Edit::Added { signature: "Option<String>".into() };
    let setter = Edit::Added { signature: "impl Into<String>".into() };
    assert_eq!(
        c,
        [
            rust("types::ApiKeyCreateConfig::owner", ItemKind::Field, added, Class::NonBreaking),
            rust("types::ApiKeyCreateConfig::with_owner", ItemKind::Setter, setter, Class::NonBreaking),
        ]
    );
}

#[test]
fn a_body_property_that_became_read_only_loses_its_setter() {
    // Never sent, a readOnly property has no setter: callers who set it no longer compile.
    let c = rust_changes(&seed(), |d| {
        let description = at(d, &format!("{CREATE_BODY}/properties/description"));
        description.as_object_mut().unwrap().insert("readOnly".into(), json!(true));
    });
    let removed = Edit::Removed { signature: "impl Into<String>".into() };
    assert_eq!(c, [rust("types::ApiKeyCreateConfig::with_description", ItemKind::Setter, removed, Class::Breaking)]);
}

#[test]
fn a_required_body_property_that_became_read_only_leaves_new() {
    // Never sent, a required readOnly string is left at its default by `new`: callers who pass
    // it no longer compile, which the field's changed signature says.
    let c = rust_changes(&seed(), |d| {
        let appname = at(d, &format!("{CREATE_BODY}/properties/appname"));
        appname.as_object_mut().unwrap().insert("readOnly".into(), json!(true));
    });
    let changed = Edit::Changed { from: "String".into(), to: "String (read-only: not an argument of `new`)".into() };
    assert_eq!(c, [rust("types::ApiKeyCreateConfig::appname", ItemKind::Field, changed, Class::Breaking)]);
}

#[test]
fn rust_changes_are_rendered_after_the_spec_changes() {
    let c = vec![
        rust(
            "types::ApiKeyRecord::last_ip",
            ItemKind::Field,
            Edit::Changed { from: "Option<String>".into(), to: "Option<i64>".into() },
            Class::Breaking,
        ),
        rust(
            "operations::ListApiKeysRequest::q",
            ItemKind::Setter,
            Edit::Added { signature: "&str".into() },
            Class::NonBreaking,
        ),
    ];
    let md = render_markdown(&[], &c);
    assert!(md.starts_with("⚠️ **API drift:** no spec changes.\n\n**Rust API:** 1 breaking, 1 non-breaking changes.\n\n| class | Rust item | change |\n"), "{md}");
    assert!(
        md.contains(
            "| **breaking** | `types::ApiKeyRecord::last_ip` | field changed: `Option<String>` → `Option<i64>` |"
        ),
        "{md}"
    );
    let text = render_text(&[], &c);
    assert!(text.contains("Rust API: 1 breaking, 1 non-breaking changes\n"), "{text}");
    assert!(text.contains("  non-breaking  operations::ListApiKeysRequest::q: setter added: `&str`\n"), "{text}");
    let json: Value = serde_json::from_str(&render_json(&[], &c)).unwrap();
    assert_eq!((json["rust_breaking"].clone(), json["rust_non_breaking"].clone()), (json!(1), json!(1)));
    assert_eq!(
        json["rust"][0],
        json!({"item": "types::ApiKeyRecord::last_ip", "kind": "field", "change": "changed", "from": "Option<String>", "to": "Option<i64>", "class": "breaking"})
    );
    assert_eq!(apigen::drift::counts(&[], &c), (1, 1));
}

#[test]
fn drift_on_the_command_line_reports_the_rust_api_in_json() {
    let dir = std::env::temp_dir().join(format!("apigen-drift-rust-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let specs = dir.join("specs");
    std::fs::create_dir_all(&specs).unwrap();
    let seed_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    for entry in std::fs::read_dir(&seed_dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() && path.file_name().unwrap() != "v1_api_keys_appname_delete.json" {
            std::fs::copy(&path, specs.join(path.file_name().unwrap())).unwrap();
        }
    }
    let base = seed_dir.join("../generated/openapi.json");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_apigen"))
        .args(["drift", "--base", base.to_str().unwrap(), "--specs", specs.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1), "{}", String::from_utf8_lossy(&run.stderr));
    let report: Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(report["rust_breaking"], 1, "{report:#}");
    assert_eq!(report["rust"][0]["item"], "Client::delete_api_key", "{report:#}");
    assert_eq!(report["rust"][0]["change"], "removed", "{report:#}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Every signature the surface prints is what the generated code writes, on each fixture's crate
/// (whitespace, absolute paths and lifetimes aside).
#[test]
fn surface_signatures_are_what_the_generated_code_writes() {
    let squeeze = |s: &str| {
        let mut s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        for (from, to) in [
            ("<'a>", ""),
            ("'a", ""),
            ("'_", ""),
            ("crate::", ""),
            ("::std::option::", ""),
            ("::std::vec::", ""),
            ("::std::string::", ""),
            ("::std::collections::", ""),
            ("::std::boxed::", ""),
            ("::std::convert::", ""),
            ("::serde_json::", "serde_json::"),
            ("::reqwest::", "reqwest::"),
            (",)", ")"),
            (",>", ">"),
        ] {
            s = s.replace(from, to);
        }
        s
    };
    for case in ["params", "auth", "vectara", "fastapi"] {
        let specs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(case).join("specs");
        let read = |name: &str| std::fs::read_to_string(specs.join(name)).ok();
        let config =
            read("apigen.toml").map_or_else(Default::default, |t| apigen::config::Config::parse("c", &t).unwrap());
        let lock = read("apigen.lock").map_or_else(Default::default, |t| apigen::lock::Lock::parse("l", &t).unwrap());
        let generated = apigen::generate_locked(&config, &apigen::load::read_dir(&specs).unwrap(), &lock).unwrap();
        let code = |file: &str| squeeze(&generated.files[file]);
        let (operations, types, errors) = (code("src/operations.rs"), code("src/types.rs"), code("src/errors.rs"));
        let surface = Surface::of(&generated.api);
        assert!(!surface.items.is_empty(), "{case}");
        for (path, item) in &surface.items {
            let name = path.rsplit("::").next().unwrap();
            let sig = squeeze(&item.signature);
            let (haystack, needles) = match item.kind {
                // A request's own method: a body read as it arrives.
                ItemKind::Method if path.starts_with("operations::") => {
                    let returns = sig.strip_prefix("()->").unwrap();
                    (&operations, vec![format!("pubfn{name}(self)->ResponseFuture<,{returns},")])
                }
                ItemKind::Method => {
                    let (args, returns) = sig.split_once(")->").unwrap();
                    let args = args.strip_prefix('(').unwrap();
                    let call = if args.is_empty() {
                        format!("pubfn{name}(&self)")
                    } else {
                        format!("pubfn{name}(&self,{args})")
                    };
                    (&operations, vec![call, format!("typeOutput=Result<{returns},Error<")])
                }
                ItemKind::Argument => (&operations, vec![format!("{name}:{sig}")]),
                ItemKind::Setter if path.starts_with("types::") => {
                    // A struct's setter, in its type's `impl`: `with_x(mut self, x: <sig>) -> Self`.
                    let ty = path.split("::").nth(1).unwrap();
                    let block = &types[types.find(&format!("impl{ty}{{")).unwrap()..];
                    let start = block.find(&format!("pubfn{name}(mutself,")).unwrap_or_else(|| panic!("{path}"));
                    let head = &block[start..start + block[start..].find(")->Self").unwrap()];
                    assert!(head.ends_with(&format!(":{sig}")), "{case}: {path}: `{head}` does not take `{sig}`");
                    continue;
                }
                // A typed form's setter: `with_x(mut self, x: <sig>)` (a `String` as `impl Into`).
                ItemKind::Setter if name.starts_with("with_") && path.starts_with("operations::") => {
                    let arg = name.strip_prefix("with_").unwrap();
                    let sig = if sig == "String" { "implInto<String>".to_owned() } else { sig };
                    (&operations, vec![format!("pubfn{name}(mutself,{arg}:{sig})->Self")])
                }
                ItemKind::Setter => (&operations, vec![format!("pubfn{name}(mutself,{name}:{sig})->Self")]),
                ItemKind::Field if path.starts_with("operations::") => (&operations, vec![format!("pub{name}:{sig},")]),
                ItemKind::Field => match sig.strip_suffix("(read-only:notanargumentof`new`)") {
                    // Left out of `new`: the field is there, and `new` of its type does not take it.
                    Some(sig) => {
                        let ty = path.split("::").nth(1).unwrap();
                        let block = &types[types.find(&format!("impl{ty}{{")).unwrap()..];
                        let new = &block[block.find("pubfnnew(").unwrap()..];
                        let args = &new[..new.find(")->Self").unwrap()];
                        assert!(!args.contains(&format!("{name}:")), "{case}: {path}: `new` takes it: `{args}`");
                        (&types, vec![format!("pub{name}:{sig},")])
                    }
                    None => (&types, vec![format!("pub{name}:{sig},")]),
                },
                ItemKind::Type => {
                    (&types, vec![format!("pub{}{name}", if sig == "struct" { "struct" } else { "enum" })])
                }
                ItemKind::Variant if path.starts_with("errors::") => (&errors, vec![format!("{name}{sig},")]),
                ItemKind::Variant => (&types, vec![format!("{name}{sig},")]),
            };
            for needle in needles {
                assert!(
                    haystack.contains(&needle),
                    "{case}: {path} ({item:?}): `{needle}` is not in the generated code"
                );
            }
        }
    }
}
