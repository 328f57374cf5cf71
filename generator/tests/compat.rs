//! Every drift rule whose effect reaches the Rust API, tested against a real caller: the class
//! the drift report gives a change is what the compiler says about code written against the client
//! generated before it.
//!
//! [`rules`] is a table with one entry per rule: the operation (or servers) in the base spec, the
//! same after the rule's change, and the body of a caller function that uses what the rule touches
//! the way a user would. The test writes one spec file per rule, generates a client from the base
//! files, writes the caller crate (one `pub async fn <rule>` each), regenerates from the changed
//! files keeping the name lock, and runs one `cargo check`: every error is mapped to the caller
//! function it falls in. A non-breaking rule must leave its function compiling; a breaking one must
//! make it fail, unless its break is only at run time (the entry says why). The drift report of
//! the two merged specs must name each rule, alone, at its operation with the entry's class.
//! Every disagreement is collected, and the test fails once with all of them.
//!
//! `caller_compiles_against_the_base_client` (ignored: run it after editing the table) checks the
//! callers against the base client, so an error after the change is the change's doing.
//!
//! One `cargo check` of a throwaway workspace, about 1.5 s once its dependencies are built. They
//! are built in `target/corpus`, the folder `cargo xtask corpus` and `bench` check generated crates
//! in, so they are built once for all of them.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use apigen::drift::Class;
use serde_json::{Value, json};

/// What a rule's change does to code written against the base client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    /// Non-breaking: the caller compiles unchanged and works against the new server.
    Compiles,
    /// Breaking, and the compiler says so: the caller's function has an error.
    DoesNotCompile,
    /// Breaking at run time only (the reason): the caller compiles, the base client fails or
    /// sends the wrong request against the new server.
    BreaksAtRunTime(&'static str),
}

impl Expect {
    fn class(self) -> Class {
        match self {
            Expect::Compiles => Class::NonBreaking,
            Expect::DoesNotCompile | Expect::BreaksAtRunTime(_) => Class::Breaking,
        }
    }
}

impl Rule {
    /// The rule's operation, its path and function: the rule id, or the case's own name.
    fn name(&self) -> &'static str {
        self.op.unwrap_or(self.id)
    }
}

/// What a rule puts into one side's spec.
enum Part {
    Absent,
    /// The rule's operation, `POST /<rule id>`, operationId the rule id in camelCase.
    Operation(Value),
    /// Server URLs, appended to the spec's `servers` in table order.
    Servers(&'static [&'static str]),
}

/// One drift rule: its id, what the change does to a caller, the spec on each side, the body of
/// the caller's function (which takes `client: &Client`; `Client`, `Error`, `errors` and `types`
/// of the generated crate are in scope). Request bodies are built in a helper of their own.
struct Rule {
    /// The rule's operation when it is not the rule id: a second case of a rule (a form's part
    /// beside a JSON body's property).
    op: Option<&'static str>,
    id: &'static str,
    expect: Expect,
    base: Part,
    changed: Part,
    caller: &'static str,
}

/// An operation: `fields` over a default `204` response.
fn op(fields: Value) -> Part {
    let mut op = json!({"responses": {"204": {"description": "done"}}});
    op.as_object_mut().unwrap().extend(fields.as_object().unwrap().clone());
    Part::Operation(op)
}

fn query(name: &str, required: bool, schema: Value) -> Value {
    json!({"name": name, "in": "query", "required": required, "schema": schema})
}

fn body(required: bool, schema: Value) -> Value {
    json!({"required": required, "content": {"application/json": {"schema": schema}}})
}

/// A required `multipart/form-data` body with these parts.
fn form(required: &[&str], properties: Value) -> Value {
    let schema = json!({"type": "object", "required": required, "properties": properties});
    json!({"required": true, "content": {"multipart/form-data": {"schema": schema}}})
}

/// A file part.
fn binary() -> Value {
    json!({"type": "string", "format": "binary"})
}

/// A `200` response with a JSON body.
fn ok(schema: Value) -> Value {
    json!({"200": {"description": "ok", "content": {"application/json": {"schema": schema}}}})
}

/// An object schema; its title names its Rust type and keeps it apart from equal shapes.
fn object(title: &str, required: &[&str], properties: Value) -> Value {
    json!({"title": title, "type": "object", "required": required, "properties": properties})
}

fn string_enum(title: &str, values: &[&str]) -> Value {
    json!({"title": title, "type": "string", "enum": values})
}

fn string() -> Value {
    json!({"type": "string"})
}

fn integer() -> Value {
    json!({"type": "integer"})
}

/// The rules, one entry each.
fn rules() -> Vec<Rule> {
    let item = |title: &str, id: Value, note: Value| object(title, &["id"], json!({"id": id, "note": note}));
    vec![
        Rule {
            op: None,
            id: "endpoint-removed",
            expect: Expect::DoesNotCompile,
            base: op(json!({})),
            changed: Part::Absent,
            caller: "let _ = client.endpoint_removed().await;",
        },
        Rule {
            op: None,
            id: "endpoint-added",
            expect: Expect::Compiles,
            base: Part::Absent,
            changed: op(json!({})),
            caller: "let _ = client.base_url();",
        },
        Rule {
            op: None,
            id: "new-required-request-parameter",
            expect: Expect::DoesNotCompile,
            base: op(json!({})),
            changed: op(json!({"parameters": [query("q", true, string())]})),
            caller: "let _ = client.new_required_request_parameter().await;",
        },
        Rule {
            op: None,
            id: "new-optional-request-parameter",
            expect: Expect::Compiles,
            base: op(json!({"parameters": [query("q", true, string()), query("page", false, integer())]})),
            changed: op(json!({"parameters": [
                query("q", true, string()), query("page", false, integer()), query("sort", false, string())
            ]})),
            caller: "let _ = client.new_optional_request_parameter(\"a\").page(2).await;",
        },
        Rule {
            op: None,
            id: "request-parameter-removed",
            expect: Expect::DoesNotCompile,
            base: op(json!({"parameters": [query("limit", false, integer())]})),
            changed: op(json!({})),
            caller: "let _ = client.request_parameter_removed().limit(10).await;",
        },
        Rule {
            op: None,
            id: "request-parameter-became-required",
            expect: Expect::DoesNotCompile,
            base: op(json!({"parameters": [query("limit", false, integer())]})),
            changed: op(json!({"parameters": [query("limit", true, integer())]})),
            caller: "let _ = client.request_parameter_became_required().limit(10).await;",
        },
        Rule {
            op: None,
            id: "request-parameter-became-optional",
            expect: Expect::DoesNotCompile,
            base: op(json!({"parameters": [query("limit", true, integer())]})),
            changed: op(json!({"parameters": [query("limit", false, integer())]})),
            caller: "let _ = client.request_parameter_became_optional(10).await;",
        },
        Rule {
            op: None,
            id: "request-parameter-location-changed",
            expect: Expect::BreaksAtRunTime(
                "the setter keeps its name and type; the base client sends the value in the query, \
                 where the server no longer looks",
            ),
            base: op(json!({"parameters": [query("trace", false, string())]})),
            changed: op(json!({"parameters": [{"name": "trace", "in": "header", "schema": string()}]})),
            caller: "let _ = client.request_parameter_location_changed().trace(\"t\").await;",
        },
        Rule {
            op: None,
            id: "request-parameter-type-changed",
            expect: Expect::DoesNotCompile,
            base: op(json!({"parameters": [query("limit", false, integer())]})),
            changed: op(json!({"parameters": [query("limit", false, string())]})),
            caller: "let _ = client.request_parameter_type_changed().limit(10).await;",
        },
        Rule {
            op: None,
            id: "request-parameter-enum-value-removed",
            expect: Expect::DoesNotCompile,
            base: op(json!({"parameters": [query("sort", false, string_enum("RemovedSort", &["asc", "desc"]))]})),
            changed: op(json!({"parameters": [query("sort", false, string_enum("RemovedSort", &["asc"]))]})),
            caller: "let _ = client.request_parameter_enum_value_removed().sort(&types::RemovedSort::Desc).await;",
        },
        Rule {
            op: None,
            id: "request-parameter-enum-value-added",
            expect: Expect::Compiles,
            base: op(json!({"parameters": [query("sort", false, string_enum("AddedSort", &["asc", "desc"]))]})),
            changed: op(json!({"parameters": [
                query("sort", false, string_enum("AddedSort", &["asc", "desc", "random"]))
            ]})),
            caller: "let _ = client.request_parameter_enum_value_added().sort(&types::AddedSort::Desc).await;",
        },
        Rule {
            op: None,
            id: "added-required-request-body",
            expect: Expect::DoesNotCompile,
            base: op(json!({})),
            changed: op(
                json!({"requestBody": body(true, object("AddedRequiredBody", &[], json!({"note": string()})))}),
            ),
            caller: "let _ = client.added_required_request_body().await;",
        },
        Rule {
            op: None,
            id: "added-optional-request-body",
            expect: Expect::Compiles,
            base: op(json!({})),
            changed: op(
                json!({"requestBody": body(false, object("AddedOptionalBody", &[], json!({"note": string()})))}),
            ),
            caller: "let _ = client.added_optional_request_body().await;",
        },
        Rule {
            op: None,
            id: "request-body-removed",
            expect: Expect::DoesNotCompile,
            base: op(json!({"requestBody": body(false, object("RemovedBody", &["name"], json!({"name": string()})))})),
            changed: op(json!({})),
            caller: r#"fn body() -> types::RemovedBody {
                types::RemovedBody::new("n")
            }
            let _ = client.request_body_removed().body(&body()).await;"#,
        },
        Rule {
            op: None,
            id: "request-body-became-required",
            expect: Expect::DoesNotCompile,
            base: op(
                json!({"requestBody": body(false, object("BecameRequiredBody", &["name"], json!({"name": string()})))}),
            ),
            changed: op(
                json!({"requestBody": body(true, object("BecameRequiredBody", &["name"], json!({"name": string()})))}),
            ),
            caller: r#"fn body() -> types::BecameRequiredBody {
                types::BecameRequiredBody::new("n")
            }
            let _ = client.request_body_became_required().body(&body()).await;"#,
        },
        Rule {
            op: None,
            id: "new-required-request-property",
            expect: Expect::DoesNotCompile,
            base: op(
                json!({"requestBody": body(true, object("NewRequiredProperty", &["name"], json!({"name": string()})))}),
            ),
            changed: op(json!({"requestBody": body(true, object(
                "NewRequiredProperty", &["name", "size"], json!({"name": string(), "size": integer()})
            ))})),
            caller: r#"fn body() -> types::NewRequiredProperty {
                types::NewRequiredProperty::new("n")
            }
            let _ = client.new_required_request_property(&body()).await;"#,
        },
        Rule {
            op: None,
            id: "new-optional-request-property",
            expect: Expect::Compiles,
            base: op(json!({"requestBody": body(true, object(
                "NewOptionalProperty", &["name"], json!({"name": string(), "note": string()})
            ))})),
            changed: op(json!({"requestBody": body(true, object(
                "NewOptionalProperty", &["name"], json!({"name": string(), "note": string(), "tag": string()})
            ))})),
            caller: r#"fn body() -> types::NewOptionalProperty {
                types::NewOptionalProperty::new("n").with_note("x")
            }
            let _ = client.new_optional_request_property(&body()).await;"#,
        },
        Rule {
            op: Some("new-required-form-part"),
            id: "new-required-request-property",
            expect: Expect::DoesNotCompile,
            base: op(json!({"requestBody": form(&["name"], json!({"name": string()}))})),
            changed: op(json!({"requestBody": form(&["name", "file"], json!({"name": string(), "file": binary()}))})),
            caller: r#"let form = operations::NewRequiredFormPartForm::new("n");
            let _ = client.new_required_form_part(form).await;"#,
        },
        Rule {
            op: Some("new-optional-form-part"),
            id: "new-optional-request-property",
            expect: Expect::Compiles,
            base: op(json!({"requestBody": form(&["name"], json!({"name": string()}))})),
            changed: op(json!({"requestBody": form(&["name"], json!({"name": string(), "file": binary()}))})),
            caller: r#"let form = operations::NewOptionalFormPartForm::new("n");
            let _ = client.new_optional_form_part(form).await;"#,
        },
        Rule {
            op: None,
            id: "request-property-removed",
            expect: Expect::DoesNotCompile,
            base: op(json!({"requestBody": body(true, object(
                "RemovedProperty", &["name"], json!({"name": string(), "note": string()})
            ))})),
            changed: op(
                json!({"requestBody": body(true, object("RemovedProperty", &["name"], json!({"name": string()})))}),
            ),
            caller: r#"fn body() -> types::RemovedProperty {
                types::RemovedProperty::new("n").with_note("x")
            }
            let _ = client.request_property_removed(&body()).await;"#,
        },
        Rule {
            op: None,
            id: "request-property-became-required",
            expect: Expect::DoesNotCompile,
            base: op(json!({"requestBody": body(true, object(
                "PropertyBecameRequired", &["name"], json!({"name": string(), "note": string()})
            ))})),
            changed: op(json!({"requestBody": body(true, object(
                "PropertyBecameRequired", &["name", "note"], json!({"name": string(), "note": string()})
            ))})),
            caller: r#"fn body() -> types::PropertyBecameRequired {
                types::PropertyBecameRequired::new("n").with_note("x")
            }
            let _ = client.request_property_became_required(&body()).await;"#,
        },
        Rule {
            op: None,
            id: "request-property-became-optional",
            expect: Expect::DoesNotCompile,
            base: op(json!({"requestBody": body(true, object(
                "PropertyBecameOptional", &["name"], json!({"name": string(), "note": string()})
            ))})),
            changed: op(json!({"requestBody": body(true, object(
                "PropertyBecameOptional", &[], json!({"name": string(), "note": string()})
            ))})),
            caller: r#"fn body() -> types::PropertyBecameOptional {
                types::PropertyBecameOptional::new("n").with_note("x")
            }
            let _ = client.request_property_became_optional(&body()).await;"#,
        },
        Rule {
            op: None,
            id: "request-property-became-read-only",
            expect: Expect::DoesNotCompile,
            base: op(json!({"requestBody": body(true, object(
                "PropertyBecameReadOnly", &["name"], json!({"name": string(), "note": string()})
            ))})),
            changed: op(json!({"requestBody": body(true, object(
                "PropertyBecameReadOnly", &["name"], json!({"name": string(), "note": {"type": "string", "readOnly": true}})
            ))})),
            caller: r#"fn body() -> types::PropertyBecameReadOnly {
                types::PropertyBecameReadOnly::new("n").with_note("x")
            }
            let _ = client.request_property_became_read_only(&body()).await;"#,
        },
        Rule {
            op: Some("required-property-became-read-only"),
            id: "request-property-became-read-only",
            expect: Expect::DoesNotCompile,
            base: op(json!({"requestBody": body(true, object(
                "RequiredBecameReadOnly", &["name", "code"], json!({"name": string(), "code": string()})
            ))})),
            changed: op(json!({"requestBody": body(true, object(
                "RequiredBecameReadOnly", &["name", "code"], json!({"name": string(), "code": {"type": "string", "readOnly": true}})
            ))})),
            caller: r#"fn body() -> types::RequiredBecameReadOnly {
                types::RequiredBecameReadOnly::new("n", "c")
            }
            let _ = client.required_property_became_read_only(&body()).await;"#,
        },
        Rule {
            op: None,
            id: "request-property-no-longer-read-only",
            expect: Expect::Compiles,
            base: op(json!({"requestBody": body(true, object(
                "PropertyNoLongerReadOnly", &["name"], json!({"name": string(), "note": {"type": "string", "readOnly": true}})
            ))})),
            changed: op(json!({"requestBody": body(true, object(
                "PropertyNoLongerReadOnly", &["name"], json!({"name": string(), "note": string()})
            ))})),
            caller: r#"fn body() -> types::PropertyNoLongerReadOnly {
                types::PropertyNoLongerReadOnly::new("n")
            }
            let _ = client.request_property_no_longer_read_only(&body()).await;"#,
        },
        Rule {
            op: Some("required-property-no-longer-read-only"),
            id: "request-property-no-longer-read-only",
            expect: Expect::DoesNotCompile,
            base: op(json!({"requestBody": body(true, object(
                "RequiredNoLongerReadOnly", &["name", "code"], json!({"name": string(), "code": {"type": "string", "readOnly": true}})
            ))})),
            changed: op(json!({"requestBody": body(true, object(
                "RequiredNoLongerReadOnly", &["name", "code"], json!({"name": string(), "code": string()})
            ))})),
            caller: r#"fn body() -> types::RequiredNoLongerReadOnly {
                types::RequiredNoLongerReadOnly::new("n")
            }
            let _ = client.required_property_no_longer_read_only(&body()).await;"#,
        },
        Rule {
            op: None,
            id: "request-property-type-changed",
            expect: Expect::DoesNotCompile,
            base: op(
                json!({"requestBody": body(true, object("PropertyTypeChanged", &["size"], json!({"size": integer()})))}),
            ),
            changed: op(
                json!({"requestBody": body(true, object("PropertyTypeChanged", &["size"], json!({"size": string()})))}),
            ),
            caller: r#"fn body() -> types::PropertyTypeChanged {
                types::PropertyTypeChanged::new(1)
            }
            let _ = client.request_property_type_changed(&body()).await;"#,
        },
        Rule {
            op: None,
            id: "request-property-enum-value-removed",
            expect: Expect::DoesNotCompile,
            base: op(json!({"requestBody": body(true, object(
                "RemovedKindBody", &["kind"], json!({"kind": string_enum("RemovedKind", &["small", "large"])})
            ))})),
            changed: op(json!({"requestBody": body(true, object(
                "RemovedKindBody", &["kind"], json!({"kind": string_enum("RemovedKind", &["small"])})
            ))})),
            caller: r#"fn body() -> types::RemovedKindBody {
                types::RemovedKindBody::new(types::RemovedKind::Large)
            }
            let _ = client.request_property_enum_value_removed(&body()).await;"#,
        },
        Rule {
            op: None,
            id: "request-property-enum-value-added",
            expect: Expect::Compiles,
            base: op(json!({"requestBody": body(true, object(
                "AddedKindBody", &["kind"], json!({"kind": string_enum("AddedKind", &["small", "large"])})
            ))})),
            changed: op(json!({"requestBody": body(true, object(
                "AddedKindBody", &["kind"], json!({"kind": string_enum("AddedKind", &["small", "large", "huge"])})
            ))})),
            caller: r#"fn body() -> types::AddedKindBody {
                types::AddedKindBody::new(types::AddedKind::Large)
            }
            let _ = client.request_property_enum_value_added(&body()).await;"#,
        },
        Rule {
            op: None,
            id: "response-property-removed",
            expect: Expect::DoesNotCompile,
            base: op(json!({"responses": ok(item("RemovedNoteItem", integer(), string()))})),
            changed: op(json!({"responses": ok(object("RemovedNoteItem", &["id"], json!({"id": integer()})))})),
            caller: r#"if let Ok(item) = client.response_property_removed().await
                && let Some(note) = item.note
            {
                drop(note);
            }"#,
        },
        Rule {
            op: None,
            id: "response-property-added",
            expect: Expect::Compiles,
            base: op(json!({"responses": ok(item("AddedTagItem", integer(), string()))})),
            changed: op(json!({"responses": ok(object(
                "AddedTagItem", &["id"], json!({"id": integer(), "note": string(), "tag": string()})
            ))})),
            caller: r#"if let Ok(item) = client.response_property_added().await {
                let _: i64 = item.id;
                if let Some(note) = item.note {
                    drop(note);
                }
            }
            // A stand-in response, as a test of the caller's would build one, and a pattern.
            let mut stand_in = types::AddedTagItem::new(1);
            stand_in.note = Some("n".into());
            let types::AddedTagItem { id, .. } = stand_in;
            let _: i64 = id;"#,
        },
        Rule {
            op: None,
            id: "response-property-became-required",
            expect: Expect::DoesNotCompile,
            base: op(json!({"responses": ok(item("NoteBecameRequiredItem", integer(), string()))})),
            changed: op(json!({"responses": ok(object(
                "NoteBecameRequiredItem", &["id", "note"], json!({"id": integer(), "note": string()})
            ))})),
            caller: r#"if let Ok(item) = client.response_property_became_required().await
                && let Some(note) = item.note
            {
                drop(note);
            }"#,
        },
        Rule {
            op: None,
            id: "response-property-became-optional",
            expect: Expect::DoesNotCompile,
            base: op(json!({"responses": ok(item("IdBecameOptionalItem", integer(), string()))})),
            changed: op(json!({"responses": ok(object(
                "IdBecameOptionalItem", &[], json!({"id": integer(), "note": string()})
            ))})),
            caller: r#"if let Ok(item) = client.response_property_became_optional().await {
                let _: i64 = item.id;
            }"#,
        },
        Rule {
            op: None,
            id: "response-property-became-nullable",
            expect: Expect::DoesNotCompile,
            base: op(json!({"responses": ok(item("IdBecameNullableItem", integer(), string()))})),
            changed: op(json!({"responses": ok(item(
                "IdBecameNullableItem", json!({"type": "integer", "nullable": true}), string()
            ))})),
            caller: r#"if let Ok(item) = client.response_property_became_nullable().await {
                let _: i64 = item.id;
            }"#,
        },
        Rule {
            op: None,
            id: "response-property-type-changed",
            expect: Expect::DoesNotCompile,
            base: op(json!({"responses": ok(item("IdTypeChangedItem", integer(), string()))})),
            changed: op(json!({"responses": ok(item("IdTypeChangedItem", string(), string()))})),
            caller: r#"if let Ok(item) = client.response_property_type_changed().await {
                let _: i64 = item.id;
            }"#,
        },
        Rule {
            op: None,
            id: "response-property-enum-value-added",
            expect: Expect::Compiles,
            base: op(json!({"responses": ok(object(
                "AddedStateItem", &[], json!({"state": string_enum("AddedState", &["open", "closed"])})
            ))})),
            changed: op(json!({"responses": ok(object(
                "AddedStateItem", &[], json!({"state": string_enum("AddedState", &["open", "closed", "archived"])})
            ))})),
            caller: r#"if let Ok(item) = client.response_property_enum_value_added().await
                && let Some(state) = item.state
            {
                match state {
                    types::AddedState::Open => {}
                    types::AddedState::Closed => {}
                    _ => {}
                }
            }"#,
        },
        Rule {
            op: None,
            id: "response-property-enum-value-removed",
            expect: Expect::DoesNotCompile,
            base: op(json!({"responses": ok(object(
                "RemovedStateItem", &[], json!({"state": string_enum("RemovedState", &["open", "closed"])})
            ))})),
            changed: op(json!({"responses": ok(object(
                "RemovedStateItem", &[], json!({"state": string_enum("RemovedState", &["open"])})
            ))})),
            caller: r#"if let Ok(item) = client.response_property_enum_value_removed().await
                && let Some(state) = item.state
            {
                match state {
                    types::RemovedState::Open => {}
                    types::RemovedState::Closed => {}
                    _ => {}
                }
            }"#,
        },
        Rule {
            op: None,
            id: "response-success-status-removed",
            expect: Expect::DoesNotCompile,
            base: op(json!({"responses": {
                "200": {"description": "ok", "content": {"application/json": {"schema": item("SuccessRemovedItem", integer(), string())}}},
                "202": {"description": "accepted"}
            }})),
            changed: op(json!({"responses": ok(item("SuccessRemovedItem", integer(), string()))})),
            caller: r#"if let Ok(response) = client.response_success_status_removed().await {
                match response {
                    compat_client::responses::ResponseSuccessStatusRemovedSuccess::Ok(item) => drop(item),
                    compat_client::responses::ResponseSuccessStatusRemovedSuccess::Accepted => {}
                }
            }"#,
        },
        Rule {
            op: None,
            id: "response-success-status-added",
            expect: Expect::DoesNotCompile,
            base: op(json!({"responses": ok(item("SuccessAddedItem", integer(), string()))})),
            changed: op(json!({"responses": {
                "200": {"description": "ok", "content": {"application/json": {"schema": item("SuccessAddedItem", integer(), string())}}},
                "202": {"description": "accepted"}
            }})),
            caller: r#"if let Ok(item) = client.response_success_status_added().await {
                let _: i64 = item.id;
            }"#,
        },
        Rule {
            op: None,
            id: "response-non-success-status-added",
            expect: Expect::Compiles,
            base: op(json!({"responses": {"204": {"description": "done"}, "404": {"description": "missing"}}})),
            changed: op(json!({"responses": {
                "204": {"description": "done"}, "404": {"description": "missing"}, "409": {"description": "conflict"}
            }})),
            caller: r#"match client.response_non_success_status_added().await.map_err(Error::into_kind) {
                Err(ErrorKind::Api(errors::ResponseNonSuccessStatusAddedError::NotFound)) => {}
                Err(_) => {}
                Ok(_) => {}
            }"#,
        },
        Rule {
            op: None,
            id: "response-non-success-status-removed",
            expect: Expect::DoesNotCompile,
            base: op(json!({"responses": {
                "204": {"description": "done"}, "404": {"description": "missing"}, "409": {"description": "conflict"}
            }})),
            changed: op(json!({"responses": {"204": {"description": "done"}, "404": {"description": "missing"}}})),
            caller: r#"match client.response_non_success_status_removed().await.map_err(Error::into_kind) {
                Err(ErrorKind::Api(errors::ResponseNonSuccessStatusRemovedError::Conflict)) => {}
                Err(_) => {}
                Ok(_) => {}
            }"#,
        },
        Rule {
            op: None,
            id: "response-body-removed",
            expect: Expect::DoesNotCompile,
            base: op(json!({"responses": ok(item("BodyRemovedItem", integer(), string()))})),
            changed: op(json!({"responses": {"200": {"description": "ok"}}})),
            caller: r#"if let Ok(item) = client.response_body_removed().await {
                let _: i64 = item.id;
            }"#,
        },
        Rule {
            op: None,
            id: "api-security-added",
            expect: Expect::BreaksAtRunTime(
                "credentials are set on the client builder, not per call: the call compiles, and the \
                 base client sends it without credentials, which the server refuses",
            ),
            base: op(json!({})),
            changed: op(json!({"security": [{"Bearer": []}]})),
            caller: "let _ = client.api_security_added().await;",
        },
        Rule {
            op: None,
            id: "api-security-removed",
            expect: Expect::Compiles,
            base: op(json!({"security": [{"Bearer": []}]})),
            changed: op(json!({})),
            caller: r#"let client = Client::builder().bearer_token("t").build().unwrap();
            let _ = client.api_security_removed().await;"#,
        },
        Rule {
            op: None,
            id: "api-security-alternative-removed",
            expect: Expect::Compiles,
            base: op(json!({"security": [{"Bearer": []}, {"ApiKey": []}]})),
            changed: op(json!({"security": [{"Bearer": []}]})),
            caller: r#"let client = Client::builder().api_key("k").build().unwrap();
            let _ = client.api_security_alternative_removed().await;"#,
        },
        Rule {
            op: None,
            id: "api-security-changed",
            expect: Expect::BreaksAtRunTime(
                "the credentials of every scheme are set on the client builder: the call compiles, \
                 and the base client sends the old scheme's credentials, which the server refuses",
            ),
            base: op(json!({"security": [{"Bearer": []}]})),
            changed: op(json!({"security": [{"ApiKey": []}]})),
            caller: r#"let client = Client::builder().bearer_token("t").build().unwrap();
            let _ = client.api_security_changed().await;"#,
        },
        Rule {
            op: None,
            id: "server-removed",
            expect: Expect::BreaksAtRunTime(
                "the first server is the default base URL: `DEFAULT_BASE_URL` keeps its name, and a \
                 client built with the base default sends to a server that is gone",
            ),
            base: Part::Servers(&["https://old.example.com/v1"]),
            changed: Part::Servers(&[]),
            caller: r#"let _: &str = compat_client::DEFAULT_BASE_URL;
            let _ = Client::builder().build();"#,
        },
        Rule {
            op: None,
            id: "server-added",
            expect: Expect::Compiles,
            base: Part::Servers(&[]),
            changed: Part::Servers(&["https://new.example.com/v1"]),
            caller: "let _ = client.base_url();",
        },
    ]
}

fn security_schemes() -> Value {
    json!({
        "Bearer": {"type": "http", "scheme": "bearer"},
        "ApiKey": {"type": "apiKey", "in": "header", "name": "X-Api-Key"}
    })
}

/// `new-optional-request-parameter` → `newOptionalRequestParameter`.
fn camel(id: &str) -> String {
    let mut out = String::new();
    for (i, word) in id.split('-').enumerate() {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(if i == 0 { first } else { first.to_ascii_uppercase() });
            out.extend(chars);
        }
    }
    out
}

/// One side's spec files: one per rule with an operation, and `servers.json` with the servers.
fn spec_files(rules: &[Rule], side: impl Fn(&Rule) -> &Part) -> BTreeMap<String, Value> {
    let info = json!({"title": "Compat", "version": "1"});
    let mut files = BTreeMap::new();
    let mut servers = Vec::new();
    for rule in rules {
        match side(rule) {
            Part::Absent => {}
            Part::Servers(urls) => servers.extend(urls.iter().map(|u| json!({"url": u}))),
            Part::Operation(op) => {
                let mut op = op.clone();
                op["operationId"] = json!(camel(rule.name()));
                let doc = json!({
                    "openapi": "3.0.3",
                    "info": info,
                    "paths": {format!("/{}", rule.name()): {"post": op}},
                    "components": {"securitySchemes": security_schemes()},
                });
                files.insert(format!("{}.json", rule.name()), doc);
            }
        }
    }
    // The rules' servers first, in table order: the first is the default base URL.
    servers.push(json!({"url": "https://api.example.com"}));
    let doc = json!({"openapi": "3.0.3", "info": info, "servers": servers, "paths": {}});
    files.insert("servers.json".into(), doc);
    files
}

/// `new-optional-request-parameter` → `new_optional_request_parameter`.
fn snake(id: &str) -> String {
    id.replace('-', "_")
}

/// The caller crate's `lib.rs`, and the lines each rule's function spans (1-based, inclusive).
fn caller(rules: &[Rule]) -> (String, Vec<(usize, usize)>) {
    let mut out = String::from(
        "#![allow(unused, clippy::all)]\n\
         use compat_client::{Client, Error, ErrorKind, errors, operations, types};\n",
    );
    let mut spans = Vec::new();
    for rule in rules {
        let start = out.lines().count() + 1;
        let _ = writeln!(out, "\npub async fn {}(client: &Client) {{\n    {}\n}}", snake(rule.name()), rule.caller);
        spans.push((start, out.lines().count()));
    }
    (out, spans)
}

/// Generates the client from `files` into `dir/client`, keeping the names in `dir/lock`, and
/// returns the merged spec.
fn generate(dir: &Path, files: &BTreeMap<String, Value>) -> Value {
    let sources: Vec<apigen::load::Source> = files
        .iter()
        .map(|(name, doc)| apigen::load::Source { name: name.clone(), bytes: serde_json::to_vec_pretty(doc).unwrap() })
        .collect();
    let config = apigen::config::Config {
        package: apigen::config::Package { name: Some("compat-client".into()), ..Default::default() },
        ..Default::default()
    };
    let lock_path = dir.join("lock");
    let lock = match std::fs::read_to_string(&lock_path) {
        Ok(text) => apigen::lock::Lock::parse("lock", &text).unwrap(),
        Err(_) => apigen::lock::Lock::default(),
    };
    let generated = apigen::generate_locked(&config, &sources, &lock).unwrap_or_else(|e| panic!("{e:?}"));
    std::fs::write(&lock_path, &generated.lock_file).unwrap();
    apigen::write::sync(&dir.join("client"), &generated.files, apigen::write::Mode::Write).unwrap();
    apigen::merge_sources(&sources).unwrap().doc
}

/// A workspace in a fresh temporary folder: the client (generated later) and the caller crate.
fn workspace(name: &str, lib: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("apigen-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("caller/src")).unwrap();
    std::fs::write(dir.join("Cargo.toml"), "[workspace]\nresolver = \"2\"\nmembers = [\"client\", \"caller\"]\n")
        .unwrap();
    std::fs::write(
        dir.join("caller/Cargo.toml"),
        "[package]\nname = \"caller\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n[dependencies]\n\
         compat-client = { path = \"../client\" }\n",
    )
    .unwrap();
    std::fs::write(dir.join("caller/src/lib.rs"), lib).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    dir
}

/// A compiler error: the caller's line its primary span starts on (`None` when it is not in the
/// caller), and its rendered text.
struct CompileError {
    line: Option<usize>,
    rendered: String,
}

/// `cargo check` of the workspace in `dir`: the compiler's errors.
fn check(dir: &Path) -> Vec<CompileError> {
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("../corpus");
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["check", "--quiet", "--offline", "--message-format", "json", "-p", "caller"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", "0")
        .output()
        .unwrap();
    let mut errors = Vec::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<Value>(line) else { continue };
        let diagnostic = &message["message"];
        if message["reason"] != "compiler-message" || diagnostic["level"] != "error" {
            continue;
        }
        let primary = diagnostic["spans"].as_array().into_iter().flatten().find(|s| s["is_primary"] == true);
        let in_caller = |s: &&Value| s["file_name"].as_str().is_some_and(|f| f.ends_with("caller/src/lib.rs"));
        let line = primary.filter(in_caller).and_then(|s| s["line_start"].as_u64()).map(|l| l as usize);
        errors.push(CompileError { line, rendered: diagnostic["rendered"].as_str().unwrap_or("").to_owned() });
    }
    if !output.status.success() && errors.is_empty() {
        errors.push(CompileError { line: None, rendered: String::from_utf8_lossy(&output.stderr).into_owned() });
    }
    errors
}

#[test]
fn every_drift_rule_is_what_the_compiler_says_of_a_caller() {
    let rules = rules();
    let (lib, spans) = caller(&rules);
    let dir = workspace("compat", &lib);
    let base = generate(&dir, &spec_files(&rules, |r| &r.base));
    let changed = generate(&dir, &spec_files(&rules, |r| &r.changed));
    let errors = check(&dir);
    let changes = apigen::drift::diff(&base, &changed).unwrap_or_else(|e| panic!("{e:?}"));

    let mut mismatches = Vec::new();
    let outside: Vec<&CompileError> =
        errors.iter().filter(|e| !e.line.is_some_and(|l| spans.iter().any(|&(a, b)| (a..=b).contains(&l)))).collect();
    for e in &outside {
        mismatches.push(format!("an error outside the rules' functions:\n{}", e.rendered));
    }
    for (rule, &(first, last)) in rules.iter().zip(&spans) {
        let own: Vec<&CompileError> =
            errors.iter().filter(|e| e.line.is_some_and(|l| (first..=last).contains(&l))).collect();
        let mismatch = match (rule.expect, own.is_empty()) {
            (Expect::DoesNotCompile, true) => {
                Some(format!("{}: expected a compile error in its caller, it compiles", rule.id))
            }
            (Expect::Compiles | Expect::BreaksAtRunTime(_), false) => {
                let messages: String = own.iter().map(|e| e.rendered.as_str()).collect();
                Some(format!("{}: expected its caller to compile ({:?}); errors:\n{messages}", rule.id, rule.expect))
            }
            _ => None,
        };
        mismatches.extend(mismatch);
        // An operation's changes are its rule's alone; the servers' are the API's (`*`).
        let (operation, alone) = match (&rule.base, &rule.changed) {
            (Part::Servers(_), _) | (_, Part::Servers(_)) => ("*".to_owned(), false),
            _ => (format!("POST /{}", rule.name()), true),
        };
        let reported: BTreeSet<(&str, Class)> =
            changes.iter().filter(|c| c.operation == operation).map(|c| (c.id, c.class)).collect();
        if !reported.contains(&(rule.id, rule.expect.class())) || (alone && reported.len() != 1) {
            mismatches.push(format!(
                "{}: the drift report should name it {}at `{operation}` as {}; it reports {reported:?}",
                rule.id,
                if alone { "alone " } else { "" },
                rule.expect.class().word()
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} disagreement(s) (workspace kept in {}):\n\n{}",
        mismatches.len(),
        dir.display(),
        mismatches.join("\n\n")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The callers compile against the client generated from the base spec, so an error after the
/// change is the change's doing. Ignored: run it after editing the table.
#[test]
#[ignore = "checks the table itself; run after editing it"]
fn caller_compiles_against_the_base_client() {
    let rules = rules();
    let (lib, _) = caller(&rules);
    let dir = workspace("compat-base", &lib);
    generate(&dir, &spec_files(&rules, |r| &r.base));
    let errors = check(&dir);
    let messages: Vec<&str> = errors.iter().map(|e| e.rendered.as_str()).collect();
    assert!(errors.is_empty(), "(workspace kept in {})\n{}", dir.display(), messages.join("\n"));
    let _ = std::fs::remove_dir_all(&dir);
}
