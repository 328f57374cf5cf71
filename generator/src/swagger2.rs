//! Swagger 2.0 → the OpenAPI 3.0 form the rest of the pipeline reads.
//!
//! Many APIs are still published as Swagger 2.0. A 2.0 document is rewritten into 3.0 the way
//! `swagger2openapi` and the OpenAPI 3.0 specification's own migration notes do:
//! - `host`, `basePath` and `schemes` → `servers` (`https` first; no `host`: the base path alone);
//! - `definitions`, `parameters`, `responses` and `securityDefinitions` → `components`
//!   (`schemas`, `parameters` or, for a body parameter, `requestBodies`, `responses`,
//!   `securitySchemes`), and every `$ref` to them follows;
//! - an operation's `in: body` parameter → its `requestBody`, one media type per `consumes`
//!   (the operation's, else the document's, else `application/json`); its `in: formData`
//!   parameters → one object schema under `application/x-www-form-urlencoded`, or
//!   `multipart/form-data` when it consumes that or has a `type: file` parameter;
//! - other parameters and response headers: their type, format, items, bounds and enum → a
//!   `schema`; `collectionFormat` → `style`/`explode` (`csv`: comma separated, `multi`:
//!   repeated, `ssv`, `pipes`);
//! - a response's `schema` → `content`, one media type per `produces`;
//! - schemas: `type: file` → binary string, `x-nullable` → `nullable`, a `discriminator` name →
//!   `{propertyName: ...}`;
//! - security schemes: `basic` → HTTP basic; OAuth2 flows by their 3.0 names
//!   (`accessCode` → `authorizationCode`, `application` → `clientCredentials`).
//!
//! Pure. Locations in later diagnostics are pointers into the 3.0 form.

use serde_json::{Map, Value, json};

use crate::merge::METHODS;

/// Whether `doc` says it is Swagger 2.0.
pub fn is_20(doc: &Value) -> bool {
    doc.get("swagger").and_then(Value::as_str).is_some_and(|v| v == "2.0" || v.starts_with("2.0."))
}

/// The keys of a 2.0 parameter or header that describe its value: they go into its `schema`.
const VALUE_KEYS: &[&str] = &[
    "type",
    "format",
    "items",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
];

/// Rewrites a Swagger 2.0 document into 3.0 form (see the module docs).
pub fn to_30(doc: Value) -> Value {
    let Value::Object(mut old) = doc else { return doc };
    let consumes = media_list(old.get("consumes"));
    let produces = media_list(old.get("produces"));
    let mut out = Map::new();
    out.insert("openapi".into(), json!("3.0.3"));
    if let Some(info) = old.shift_remove("info") {
        out.insert("info".into(), info);
    }
    if let Some(servers) = servers(&old) {
        out.insert("servers".into(), servers);
    }
    // Body parameters among the shared ones become request bodies.
    let shared_params = match old.shift_remove("parameters") {
        Some(Value::Object(p)) => p,
        _ => Map::new(),
    };
    let body_params: Vec<String> =
        shared_params.iter().filter(|(_, p)| p.get("in") == Some(&json!("body"))).map(|(k, _)| k.clone()).collect();
    let mut components = Map::new();
    let mut parameters = Map::new();
    let mut bodies = Map::new();
    for (name, p) in shared_params {
        if body_params.contains(&name) {
            bodies.insert(name, body(&p, &consumes));
        } else if p.get("in") != Some(&json!("formData")) {
            parameters.insert(name, parameter(p));
        }
    }
    if let Some(Value::Object(defs)) = old.shift_remove("definitions") {
        components.insert("schemas".into(), Value::Object(defs.into_iter().map(|(k, s)| (k, schema(s))).collect()));
    }
    if let Some(Value::Object(responses)) = old.shift_remove("responses") {
        let converted = responses.into_iter().map(|(k, r)| (k, response(r, &produces))).collect();
        components.insert("responses".into(), Value::Object(converted));
    }
    if !parameters.is_empty() {
        components.insert("parameters".into(), Value::Object(parameters));
    }
    if !bodies.is_empty() {
        components.insert("requestBodies".into(), Value::Object(bodies));
    }
    if let Some(Value::Object(schemes)) = old.shift_remove("securityDefinitions") {
        components.insert(
            "securitySchemes".into(),
            Value::Object(schemes.into_iter().map(|(k, s)| (k, security(s))).collect()),
        );
    }
    let mut paths = match old.shift_remove("paths") {
        Some(Value::Object(paths)) => paths,
        _ => Map::new(),
    };
    for item in paths.values_mut() {
        if let Value::Object(item) = item {
            path_item(item, &consumes, &produces, &body_params);
        }
    }
    out.insert("paths".into(), Value::Object(paths));
    if !components.is_empty() {
        out.insert("components".into(), Value::Object(components));
    }
    for key in ["security", "tags", "externalDocs"] {
        if let Some(v) = old.shift_remove(key) {
            out.insert(key.into(), v);
        }
    }
    out.extend(old.into_iter().filter(|(k, _)| k.starts_with("x-")));
    let mut doc = Value::Object(out);
    rewrite_refs(&mut doc, &body_params);
    doc
}

/// A `consumes` or `produces` list.
fn media_list(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).map(str::to_owned).collect()
}

fn servers(old: &Map<String, Value>) -> Option<Value> {
    let base = old.get("basePath").and_then(Value::as_str).unwrap_or("");
    let base = base.trim_end_matches('/');
    let Some(host) = old.get("host").and_then(Value::as_str) else {
        return (!base.is_empty()).then(|| json!([{"url": base}]));
    };
    let mut schemes = media_list(old.get("schemes"));
    schemes.retain(|s| s == "https" || s == "http");
    if schemes.is_empty() {
        schemes.push("https".into());
    }
    // The secure scheme first: it becomes the default base URL.
    schemes.sort_by_key(|s| s != "https");
    Some(Value::Array(schemes.iter().map(|s| json!({"url": format!("{s}://{host}{base}")})).collect()))
}

fn path_item(item: &mut Map<String, Value>, consumes: &[String], produces: &[String], body_params: &[String]) {
    // Path-level body and form parameters apply to each operation.
    let shared: Vec<Value> = match item.shift_remove("parameters") {
        Some(Value::Array(list)) => list,
        _ => Vec::new(),
    };
    let (moving, staying): (Vec<Value>, Vec<Value>) = shared.into_iter().partition(|p| is_body_or_form(p, body_params));
    if !staying.is_empty() {
        item.insert("parameters".into(), Value::Array(staying.into_iter().map(parameter).collect()));
    }
    for method in METHODS {
        let Some(Value::Object(op)) = item.get_mut(method) else { continue };
        let consumes = op.shift_remove("consumes").map_or_else(|| consumes.to_vec(), |c| media_list(Some(&c)));
        let produces = op.shift_remove("produces").map_or_else(|| produces.to_vec(), |p| media_list(Some(&p)));
        let own: Vec<Value> = match op.shift_remove("parameters") {
            Some(Value::Array(list)) => list,
            _ => Vec::new(),
        };
        let mut body_param = None;
        let mut form = Vec::new();
        let mut params = Vec::new();
        for p in moving.iter().cloned().chain(own) {
            match p.get("in").and_then(Value::as_str) {
                Some("body") => body_param = Some(p),
                Some("formData") => form.push(p),
                _ if is_body_or_form(&p, body_params) => body_param = Some(p),
                _ => params.push(parameter(p)),
            }
        }
        if !params.is_empty() {
            op.insert("parameters".into(), Value::Array(params));
        }
        if let Some(p) = body_param {
            op.insert("requestBody".into(), body(&p, &consumes));
        } else if !form.is_empty() {
            op.insert("requestBody".into(), form_body(form, &consumes));
        }
        if let Some(Value::Object(responses)) = op.get_mut("responses") {
            for r in responses.values_mut() {
                *r = response(std::mem::take(r), &produces);
            }
        }
    }
}

/// A body or form parameter, or a `$ref` to a shared body parameter.
fn is_body_or_form(p: &Value, body_params: &[String]) -> bool {
    match p.get("$ref").and_then(Value::as_str) {
        Some(r) => r.strip_prefix("#/parameters/").is_some_and(|name| body_params.iter().any(|b| b == name)),
        None => matches!(p.get("in").and_then(Value::as_str), Some("body" | "formData")),
    }
}

/// A non-body parameter (or a response header, when `p` has no `in`).
fn parameter(p: Value) -> Value {
    let Value::Object(mut p) = p else { return p };
    if p.contains_key("$ref") {
        return Value::Object(p);
    }
    let mut value = Map::new();
    for key in VALUE_KEYS {
        if let Some(v) = p.shift_remove(*key) {
            value.insert((*key).into(), v);
        }
    }
    if let Some(Value::Object(mut nested)) = value.shift_remove("items") {
        // An array's items in 2.0 may carry their own `collectionFormat`; only the outer counts.
        nested.shift_remove("collectionFormat");
        value.insert("items".into(), schema(Value::Object(nested)));
    }
    let format = p.shift_remove("collectionFormat");
    if !value.is_empty() {
        p.insert("schema".into(), schema(Value::Object(value)));
    }
    let is_query = p.get("in") == Some(&json!("query"));
    match format.as_ref().and_then(Value::as_str) {
        Some("multi") => {
            p.insert("style".into(), json!("form"));
            p.insert("explode".into(), json!(true));
        }
        Some("ssv") => {
            p.insert("style".into(), json!("spaceDelimited"));
            p.insert("explode".into(), json!(false));
        }
        Some("pipes") => {
            p.insert("style".into(), json!("pipeDelimited"));
            p.insert("explode".into(), json!(false));
        }
        // `csv`, the default: comma separated.
        _ if p.get("schema").and_then(|s| s.get("type")) == Some(&json!("array")) => {
            if is_query {
                p.insert("style".into(), json!("form"));
            }
            p.insert("explode".into(), json!(false));
        }
        _ => {}
    }
    // Only a query parameter may allow an empty value in 3.0.
    if !is_query {
        p.shift_remove("allowEmptyValue");
    }
    Value::Object(p)
}

/// A body parameter → a request body with one media type per `consumes`.
fn body(p: &Value, consumes: &[String]) -> Value {
    if let Some(r) = p.get("$ref").and_then(Value::as_str) {
        return json!({"$ref": r});
    }
    let schema = p.get("schema").cloned().map(schema).unwrap_or_else(|| json!({}));
    let mut out = Map::new();
    if let Some(d) = p.get("description") {
        out.insert("description".into(), d.clone());
    }
    let medias: Vec<String> = if consumes.is_empty() {
        vec!["application/json".into()]
    } else {
        // Form media types cannot carry a body parameter's schema.
        let kept: Vec<String> = consumes.iter().filter(|m| !is_form(m)).cloned().collect();
        if kept.is_empty() { vec!["application/json".into()] } else { kept }
    };
    out.insert(
        "content".into(),
        Value::Object(medias.into_iter().map(|m| (m, json!({"schema": schema.clone()}))).collect()),
    );
    if p.get("required") == Some(&json!(true)) {
        out.insert("required".into(), json!(true));
    }
    Value::Object(out)
}

fn is_form(media: &str) -> bool {
    media.starts_with("multipart/form-data") || media.starts_with("application/x-www-form-urlencoded")
}

/// Form parameters → one object schema, sent as a form.
fn form_body(params: Vec<Value>, consumes: &[String]) -> Value {
    let has_file = params.iter().any(|p| p.get("type") == Some(&json!("file")));
    let multipart = has_file || consumes.iter().any(|m| m.starts_with("multipart/form-data"));
    let media = if multipart { "multipart/form-data" } else { "application/x-www-form-urlencoded" };
    let mut properties = Map::new();
    let mut required = Vec::new();
    for p in params {
        let Value::Object(mut p) = p else { continue };
        let Some(name) = p.shift_remove("name").and_then(|n| n.as_str().map(str::to_owned)) else { continue };
        if p.shift_remove("required") == Some(json!(true)) {
            required.push(Value::String(name.clone()));
        }
        let mut value = Map::new();
        for key in VALUE_KEYS.iter().chain(&["description"]) {
            if let Some(v) = p.shift_remove(*key) {
                value.insert((*key).into(), v);
            }
        }
        properties.insert(name, schema(Value::Object(value)));
    }
    let mut object = json!({"type": "object", "properties": properties});
    if !required.is_empty() {
        object["required"] = Value::Array(required);
    }
    json!({"content": {media: {"schema": object}}, "required": true})
}

/// A response: its `schema` under one media type per `produces`, its headers' values as schemas.
fn response(r: Value, produces: &[String]) -> Value {
    let Value::Object(mut r) = r else { return r };
    if r.contains_key("$ref") {
        return Value::Object(r);
    }
    r.shift_remove("examples");
    if let Some(s) = r.shift_remove("schema") {
        let s = schema(s);
        let medias: Vec<String> = if produces.is_empty() { vec!["application/json".into()] } else { produces.to_vec() };
        let content: Map<String, Value> = medias.into_iter().map(|m| (m, json!({"schema": s.clone()}))).collect();
        r.insert("content".into(), Value::Object(content));
    }
    if let Some(Value::Object(headers)) = r.get_mut("headers") {
        for h in headers.values_mut() {
            *h = parameter(std::mem::take(h));
        }
    }
    r.entry("description").or_insert_with(|| json!(""));
    Value::Object(r)
}

/// A 2.0 schema in 3.0 form: `type: file`, `x-nullable` and a discriminator name, at any depth.
fn schema(mut s: Value) -> Value {
    fix_schema(&mut s);
    s
}

fn fix_schema(s: &mut Value) {
    let Value::Object(obj) = s else { return };
    if obj.get("type") == Some(&json!("file")) {
        obj.insert("type".into(), json!("string"));
        obj.insert("format".into(), json!("binary"));
    }
    if let Some(nullable) = obj.shift_remove("x-nullable") {
        obj.insert("nullable".into(), nullable);
    }
    if let Some(Value::String(property)) = obj.get("discriminator").cloned() {
        obj.insert("discriminator".into(), json!({"propertyName": property}));
    }
    if let Some(Value::Object(props)) = obj.get_mut("properties") {
        props.values_mut().for_each(fix_schema);
    }
    for key in ["items", "additionalProperties", "not"] {
        if let Some(sub) = obj.get_mut(key) {
            fix_schema(sub);
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(list)) = obj.get_mut(key) {
            list.iter_mut().for_each(fix_schema);
        }
    }
}

fn security(s: Value) -> Value {
    let Value::Object(mut s) = s else { return s };
    match s.get("type").and_then(Value::as_str) {
        Some("basic") => {
            s.insert("type".into(), json!("http"));
            s.insert("scheme".into(), json!("basic"));
        }
        Some("oauth2") => {
            let flow = s.shift_remove("flow").and_then(|f| f.as_str().map(str::to_owned)).unwrap_or_default();
            let name = match flow.as_str() {
                "accessCode" => "authorizationCode",
                "application" => "clientCredentials",
                other => other,
            }
            .to_owned();
            let mut details = Map::new();
            for key in ["authorizationUrl", "tokenUrl", "scopes"] {
                if let Some(v) = s.shift_remove(key) {
                    details.insert(key.into(), v);
                }
            }
            details.entry("scopes").or_insert_with(|| json!({}));
            s.insert("flows".into(), json!({ name: details }));
        }
        _ => {}
    }
    Value::Object(s)
}

/// Every `$ref` to a 2.0 section, pointed at its 3.0 place.
fn rewrite_refs(v: &mut Value, body_params: &[String]) {
    match v {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get_mut("$ref") {
                if let Some(rest) = r.strip_prefix("#/definitions/") {
                    *r = format!("#/components/schemas/{rest}");
                } else if let Some(rest) = r.strip_prefix("#/parameters/") {
                    let name = rest.split('/').next().unwrap_or(rest);
                    let section = if body_params.iter().any(|b| b == name) { "requestBodies" } else { "parameters" };
                    *r = format!("#/components/{section}/{rest}");
                } else if let Some(rest) = r.strip_prefix("#/responses/") {
                    *r = format!("#/components/responses/{rest}");
                }
            }
            if let Some(Value::Object(mapping)) = map.get_mut("discriminator").and_then(|d| d.get_mut("mapping")) {
                for target in mapping.values_mut() {
                    if let Value::String(t) = target
                        && let Some(rest) = t.strip_prefix("#/definitions/")
                    {
                        *t = format!("#/components/schemas/{rest}");
                    }
                }
            }
            map.values_mut().for_each(|x| rewrite_refs(x, body_params));
        }
        Value::Array(items) => items.iter_mut().for_each(|x| rewrite_refs(x, body_params)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn petstore() -> Value {
        json!({
            "swagger": "2.0",
            "info": {"title": "Petstore", "version": "1"},
            "host": "petstore.example.com",
            "basePath": "/v2/",
            "schemes": ["http", "https"],
            "consumes": ["application/json"],
            "produces": ["application/json"],
            "securityDefinitions": {
                "basic": {"type": "basic"},
                "key": {"type": "apiKey", "in": "header", "name": "X-Key"},
                "oauth": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://a", "tokenUrl": "https://t", "scopes": {"read": "r"}}
            },
            "parameters": {
                "limit": {"name": "limit", "in": "query", "type": "integer", "format": "int32"},
                "pet": {"name": "pet", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Pet"}}
            },
            "paths": {
                "/pets": {
                    "get": {
                        "operationId": "listPets",
                        "parameters": [
                            {"$ref": "#/parameters/limit"},
                            {"name": "tags", "in": "query", "type": "array", "items": {"type": "string"}, "collectionFormat": "multi"}
                        ],
                        "responses": {"200": {"description": "ok", "schema": {"type": "array", "items": {"$ref": "#/definitions/Pet"}}, "headers": {"X-Total": {"type": "integer"}}}}
                    },
                    "post": {
                        "operationId": "createPet",
                        "parameters": [{"$ref": "#/parameters/pet"}],
                        "responses": {"201": {"description": "made", "schema": {"$ref": "#/definitions/Pet"}}}
                    }
                },
                "/pets/{id}/photo": {
                    "parameters": [{"name": "id", "in": "path", "required": true, "type": "string"}],
                    "put": {
                        "operationId": "uploadPhoto",
                        "consumes": ["multipart/form-data"],
                        "parameters": [
                            {"name": "file", "in": "formData", "type": "file", "required": true},
                            {"name": "caption", "in": "formData", "type": "string"}
                        ],
                        "responses": {"204": {"description": "done"}}
                    }
                }
            },
            "definitions": {
                "Pet": {"type": "object", "required": ["name"], "discriminator": "kind", "properties": {
                    "name": {"type": "string"},
                    "kind": {"type": "string"},
                    "owner": {"$ref": "#/definitions/Owner", "x-nullable": true}
                }},
                "Owner": {"type": "object", "properties": {"photo": {"type": "file"}}}
            }
        })
    }

    #[test]
    fn the_document_moves_to_its_30_places() {
        let doc = to_30(petstore());
        assert_eq!(doc["openapi"], json!("3.0.3"));
        assert_eq!(
            doc["servers"],
            json!([{"url": "https://petstore.example.com/v2"}, {"url": "http://petstore.example.com/v2"}])
        );
        let c = &doc["components"];
        assert_eq!(c["securitySchemes"]["basic"], json!({"type": "http", "scheme": "basic"}));
        assert_eq!(c["securitySchemes"]["key"], json!({"type": "apiKey", "in": "header", "name": "X-Key"}));
        assert_eq!(
            c["securitySchemes"]["oauth"],
            json!({"type": "oauth2", "flows": {"authorizationCode": {"authorizationUrl": "https://a", "tokenUrl": "https://t", "scopes": {"read": "r"}}}})
        );
        assert_eq!(
            c["parameters"]["limit"],
            json!({"name": "limit", "in": "query", "schema": {"type": "integer", "format": "int32"}})
        );
        assert_eq!(
            c["requestBodies"]["pet"],
            json!({"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}, "required": true})
        );
        let pet = &c["schemas"]["Pet"];
        assert_eq!(pet["discriminator"], json!({"propertyName": "kind"}));
        assert_eq!(pet["properties"]["owner"], json!({"$ref": "#/components/schemas/Owner", "nullable": true}));
        assert_eq!(c["schemas"]["Owner"]["properties"]["photo"], json!({"type": "string", "format": "binary"}));
    }

    #[test]
    fn operations_get_bodies_forms_schemas_and_content() {
        let doc = to_30(petstore());
        let list = &doc["paths"]["/pets"]["get"];
        assert_eq!(list["parameters"][0], json!({"$ref": "#/components/parameters/limit"}));
        assert_eq!(
            list["parameters"][1],
            json!({"name": "tags", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true})
        );
        let ok = &list["responses"]["200"];
        assert_eq!(ok["content"]["application/json"]["schema"]["items"], json!({"$ref": "#/components/schemas/Pet"}));
        assert_eq!(ok["headers"]["X-Total"], json!({"schema": {"type": "integer"}}));
        let create = &doc["paths"]["/pets"]["post"];
        assert_eq!(create["requestBody"], json!({"$ref": "#/components/requestBodies/pet"}));
        assert!(create.get("parameters").is_none());
        let photo = &doc["paths"]["/pets/{id}/photo"];
        assert_eq!(photo["parameters"][0]["schema"], json!({"type": "string"}));
        assert_eq!(
            photo["put"]["requestBody"],
            json!({"required": true, "content": {"multipart/form-data": {"schema": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}, "caption": {"type": "string"}},
                "required": ["file"]
            }}}})
        );
        // What a 3.0 reader needs is all there.
        serde_json::from_value::<openapiv3::OpenAPI>(doc).unwrap();
    }

    #[test]
    fn a_document_without_host_keeps_its_base_path() {
        let doc =
            to_30(json!({"swagger": "2.0", "info": {"title": "T", "version": "1"}, "basePath": "/api", "paths": {}}));
        assert_eq!(doc["servers"], json!([{"url": "/api"}]));
        let bare = to_30(json!({"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {}}));
        assert!(bare.get("servers").is_none());
    }
}
