//! Repair: what real specs commonly get wrong, read the way their authors meant it, and said.
//!
//! Vendors publish specs that break OpenAPI's rules in a few habitual ways. Refusing them would
//! leave their users without a client, so each file is read leniently first: every rule below
//! rewrites its part of the document in place and reports a [`Repair`] with the file and JSON
//! pointer of what it read. The generator shows them as warnings and goes on; `--strict`
//! (`strict = true` in `apigen.toml`) refuses them instead, each as an error at the same place.
//!
//! The rules ([`Rule`]):
//! - `required: true|false` on a schema (Swagger 2's habit, a property's own flag) → the property
//!   listed in its object's `required` array, or nothing;
//! - `info` without `title` or `version` → a placeholder ([`info`], on the merged document);
//! - keys beside a schema's `$ref` in 3.0, which OpenAPI says to ignore → ignored, but for
//!   `nullable: true`, read as a nullable reference (`allOf: [$ref]` with `nullable`);
//! - a `$ref` or another non-text value where OpenAPI wants text (`description`, `summary`,
//!   `title`) → dropped;
//! - JSON Schema 2020-12 keywords in a 3.0 document (`type: [string, "null"]`, `const`, numeric
//!   `exclusiveMinimum`) → read as in 3.1;
//! - a `content` map holding a schema where media types belong (`content: {schema: ...}`) → that
//!   schema as `application/json`; `example`, `examples` or `encoding` there → left out;
//! - a response or request body that is a `$ref` to a schema → a JSON body of that schema;
//! - a discriminator `mapping` into another file (what a bundler left) → that entry left out;
//! - a `format` no registry knows → the plain type, as OpenAPI says tools should;
//! - an `example` that its schema does not allow → kept (examples only reach the docs).
//!
//! Only parts of the document where OpenAPI puts schemas are read as schemas: a property named
//! `required`, `description` or `schema` is a property, and examples and extensions (`x-...`)
//! are never looked into. Pure; runs before 3.1 is normalised.

use serde_json::{Map, Value, json};

use crate::diag::{Diagnostic, Location, join_pointer};
use crate::merge::METHODS;

mod mappings;

pub use mappings::dangling_mappings;

/// The kinds of repair, in the order the module docs give them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    RequiredFlag,
    MissingInfo,
    RefSiblings,
    NotText,
    JsonSchemaKeywords,
    ContentWithoutMediaType,
    SchemaAsBody,
    ExternalMapping,
    UnknownFormat,
    ExampleMismatch,
}

/// One place read leniently: what was wrong there and how it was read.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Repair {
    pub rule: Rule,
    pub diagnostic: Diagnostic,
}

impl Repair {
    /// The repair as an error, for `--strict`.
    pub fn refused(self) -> Diagnostic {
        self.diagnostic.note("help: without `--strict` (or `strict = true` in apigen.toml), apigen reads this as said")
    }
}

/// Formats of the OpenAPI format registry and JSON Schema, and a few common spellings: any other
/// is reported ([`Rule::UnknownFormat`]).
const KNOWN_FORMATS: &[&str] = &[
    "base64url",
    "binary",
    "byte",
    "char",
    "commonmark",
    "date",
    "date-time",
    "decimal",
    "decimal128",
    "double",
    "duration",
    "email",
    "float",
    "hostname",
    "html",
    "http-date",
    "idn-email",
    "idn-hostname",
    "int8",
    "int16",
    "int32",
    "int64",
    "ipv4",
    "ipv6",
    "iri",
    "iri-reference",
    "json-pointer",
    "media-range",
    "password",
    "regex",
    "relative-json-pointer",
    "sf-binary",
    "sf-boolean",
    "sf-decimal",
    "sf-integer",
    "sf-string",
    "sf-token",
    "time",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "unixtime",
    "uri",
    "uri-reference",
    "uri-template",
    "uuid",
];

/// The keys a schema's `$ref` may have beside it without a word: extensions are not counted.
const ANNOTATIONS: &[&str] = &["description", "summary", "title", "example", "examples", "deprecated", "externalDocs"];

/// One repair per place and message: per-operation documents repeat their shared parts, so the
/// same repair comes from many files; it is said once, at the first place, with a note naming how
/// many others and the first few. An unknown format is said once wherever it is (Stripe writes
/// `unix-time` a thousand times).
pub fn grouped(repairs: Vec<Repair>) -> Vec<Repair> {
    let mut groups: Vec<(Repair, Vec<String>)> = Vec::new();
    let mut index: std::collections::BTreeMap<(String, String), usize> = std::collections::BTreeMap::new();
    for r in repairs {
        let place = if r.rule == Rule::UnknownFormat { String::new() } else { r.diagnostic.location.pointer.clone() };
        let key = (place, r.diagnostic.message.clone());
        match index.get(&key) {
            Some(&i) => {
                let location = &r.diagnostic.location;
                let same_pointer = location.pointer == groups[i].0.diagnostic.location.pointer;
                groups[i].1.push(if same_pointer { location.file.clone() } else { location.to_string() });
            }
            None => {
                index.insert(key, groups.len());
                groups.push((r, Vec::new()));
            }
        }
    }
    groups
        .into_iter()
        .map(|(mut r, others)| {
            if !others.is_empty() {
                let first: Vec<&str> = others.iter().take(3).map(String::as_str).collect();
                let more = if others.len() > 3 { ", ..." } else { "" };
                let note = format!("the same in {} more place(s): {}{more}", others.len(), first.join(", "));
                r.diagnostic = r.diagnostic.note(note);
            }
            r
        })
        .collect()
}

/// The `info` placeholders, for a title or version the document does not give.
pub const INFO_PLACEHOLDERS: [(&str, &str); 2] = [("title", "API"), ("version", "unversioned")];

/// Fills a merged document's missing `info` title and version ([`INFO_PLACEHOLDERS`]), each a
/// repair in `file`. On the merged document, not per file: a file's `info` may have been left
/// out as a repeat of an earlier file's (see [`crate::load::parse_for_merge`]).
pub fn info(doc: &mut Map<String, Value>, file: &str) -> Vec<Repair> {
    let info = doc.entry("info").or_insert_with(|| json!({}));
    let Value::Object(info) = info else { return Vec::new() };
    let mut out = Vec::new();
    for (key, placeholder) in INFO_PLACEHOLDERS {
        if !info.contains_key(key) {
            info.insert(key.into(), json!(placeholder));
            let message = format!("`info` has no `{key}`: read as {placeholder:?}");
            let diagnostic = Diagnostic::new(Location::new(file, "/info"), message);
            out.push(Repair { rule: Rule::MissingInfo, diagnostic });
        }
    }
    out
}

/// Repairs one file in place (see the module docs); what was repaired, in document order.
pub fn repair(file: &str, doc: &mut Value) -> Vec<Repair> {
    let Value::Object(top) = doc else { return Vec::new() };
    let version = top.get("openapi").and_then(Value::as_str).unwrap_or("");
    let mut walker = Walker { file, is_30: !crate::normalize::is_31(version), out: Vec::new() };
    if let Some(Value::Object(info)) = top.get_mut("info") {
        walker.text(info, "/info");
    }
    if let Some(Value::Object(paths)) = top.get_mut("paths") {
        for (path, item) in paths.iter_mut().filter(|(p, _)| p.starts_with('/')) {
            walker.path_item(&join_pointer("/paths", path), item);
        }
    }
    if let Some(Value::Object(components)) = top.get_mut("components") {
        walker.components(components);
    }
    walker.out
}

struct Walker<'a> {
    file: &'a str,
    /// Whether the document is OpenAPI 3.0 (3.1 is JSON Schema 2020-12, where some of the rules
    /// are the standard).
    is_30: bool,
    out: Vec<Repair>,
}

impl Walker<'_> {
    fn report(&mut self, rule: Rule, pointer: &str, message: String) {
        let diagnostic = Diagnostic::new(Location::new(self.file, pointer), message);
        self.out.push(Repair { rule, diagnostic });
    }

    /// `description`, `summary` and `title` of the object at `pointer` must be text.
    fn text(&mut self, obj: &mut Map<String, Value>, pointer: &str) {
        for key in ["description", "summary", "title"] {
            let Some(value) = obj.get(key).filter(|v| !v.is_string()) else { continue };
            let what = if value.get("$ref").is_some() { "a `$ref`" } else { crate::merge::kind_of(value) };
            let message = format!("`{key}` must be text, found {what} (OpenAPI 3 allows no `$ref` there): left out");
            obj.shift_remove(key);
            self.report(Rule::NotText, &join_pointer(pointer, key), message);
        }
    }

    fn path_item(&mut self, pointer: &str, item: &mut Value) {
        let Value::Object(item) = item else { return };
        self.text(item, pointer);
        self.parameters(pointer, item);
        for method in METHODS {
            let Some(Value::Object(op)) = item.get_mut(method) else { continue };
            let pointer = join_pointer(pointer, method);
            self.text(op, &pointer);
            self.parameters(&pointer, op);
            if let Some(Value::Object(body)) = op.get_mut("requestBody") {
                self.body(&join_pointer(&pointer, "requestBody"), body);
            }
            if let Some(Value::Object(responses)) = op.get_mut("responses") {
                let pointer = join_pointer(&pointer, "responses");
                for (status, response) in responses.iter_mut().filter(|(s, _)| !s.starts_with("x-")) {
                    self.response(&join_pointer(&pointer, status), response);
                }
            }
        }
    }

    fn parameters(&mut self, pointer: &str, owner: &mut Map<String, Value>) {
        let Some(Value::Array(list)) = owner.get_mut("parameters") else { return };
        let pointer = join_pointer(pointer, "parameters");
        for (i, parameter) in list.iter_mut().enumerate() {
            self.parameter(&join_pointer(&pointer, &i.to_string()), parameter);
        }
    }

    /// A parameter or a header: a schema, or content.
    fn parameter(&mut self, pointer: &str, parameter: &mut Value) {
        let Value::Object(parameter) = parameter else { return };
        if parameter.contains_key("$ref") {
            return;
        }
        self.text(parameter, pointer);
        if let Some(schema) = parameter.get_mut("schema") {
            self.schema(&join_pointer(pointer, "schema"), schema);
        }
        self.content(pointer, parameter);
    }

    fn body(&mut self, pointer: &str, body: &mut Map<String, Value>) {
        self.schema_ref_as_content(pointer, body, "request body");
        if body.contains_key("$ref") {
            return;
        }
        self.text(body, pointer);
        self.content(pointer, body);
    }

    fn response(&mut self, pointer: &str, response: &mut Value) {
        let Value::Object(response) = response else { return };
        self.schema_ref_as_content(pointer, response, "response");
        if response.contains_key("$ref") {
            return;
        }
        self.text(response, pointer);
        if let Some(Value::Object(headers)) = response.get_mut("headers") {
            let pointer = join_pointer(pointer, "headers");
            for (name, header) in headers.iter_mut() {
                self.parameter(&join_pointer(&pointer, name), header);
            }
        }
        self.content(pointer, response);
    }

    /// A response or request body that is a `$ref` to a schema: a body of that schema, as JSON.
    fn schema_ref_as_content(&mut self, pointer: &str, obj: &mut Map<String, Value>, what: &str) {
        let Some(reference) = obj.get("$ref").and_then(Value::as_str) else { return };
        if !reference.starts_with("#/components/schemas/") && !reference.starts_with("#/definitions/") {
            return;
        }
        let message = format!("the {what} is a `$ref` to a schema, {reference:?}: read as a JSON body of that schema");
        let schema = json!({"$ref": reference});
        obj.shift_remove("$ref");
        obj.insert("content".into(), json!({"application/json": {"schema": schema}}));
        if what == "response" {
            obj.entry("description").or_insert_with(|| json!(""));
        }
        self.report(Rule::SchemaAsBody, &join_pointer(pointer, "$ref"), message);
    }

    /// The `content` of the object at `pointer`: a schema where a media type belongs is read as
    /// `application/json`'s.
    fn content(&mut self, pointer: &str, owner: &mut Map<String, Value>) {
        let Some(Value::Object(content)) = owner.get_mut("content") else { return };
        let pointer = join_pointer(pointer, "content");
        if let Some(schema) = content.get("schema").filter(|s| s.is_object()).cloned() {
            let at = join_pointer(&pointer, "schema");
            content.shift_remove("schema");
            let message = if content.contains_key("application/json") {
                "a schema where `content` wants media types: left out, as `application/json` has its own".to_owned()
            } else {
                content.insert("application/json".into(), json!({"schema": schema}));
                "a schema where `content` wants media types (`content: {application/json: {schema: ...}}`): read as `application/json`".to_owned()
            };
            self.report(Rule::ContentWithoutMediaType, &at, message);
        }
        // The media type object's other keys, written one level too high.
        for key in ["example", "examples", "encoding"] {
            if content.shift_remove(key).is_some() {
                let message = format!("`{key}` where `content` wants media types (it belongs inside one): left out");
                self.report(Rule::ContentWithoutMediaType, &join_pointer(&pointer, key), message);
            }
        }
        for (media, value) in content.iter_mut() {
            if let Some(schema) = value.get_mut("schema") {
                let pointer = join_pointer(&join_pointer(&pointer, media), "schema");
                self.schema(&pointer, schema);
            }
        }
    }

    fn components(&mut self, components: &mut Map<String, Value>) {
        for section in ["schemas", "parameters", "headers", "requestBodies", "responses"] {
            let Some(Value::Object(entries)) = components.get_mut(section) else { continue };
            let base = join_pointer("/components", section);
            for (name, value) in entries.iter_mut() {
                let pointer = join_pointer(&base, name);
                match (section, value) {
                    ("schemas", value) => self.schema(&pointer, value),
                    ("parameters" | "headers", value) => self.parameter(&pointer, value),
                    ("requestBodies", Value::Object(body)) => self.body(&pointer, body),
                    ("responses", value) => self.response(&pointer, value),
                    _ => {}
                }
            }
        }
    }

    fn schema(&mut self, pointer: &str, schema: &mut Value) {
        let Value::Object(obj) = schema else { return };
        if obj.contains_key("$ref") {
            self.ref_siblings(pointer, obj);
            return;
        }
        self.text(obj, pointer);
        if self.is_30 {
            self.json_schema_keywords(pointer, obj);
        }
        if let Some(flag) = obj.get("required").and_then(Value::as_bool) {
            obj.shift_remove("required");
            let message = format!(
                "`required: {flag}` on a schema: OpenAPI 3 lists required properties in their object's `required` array; left out"
            );
            self.report(Rule::RequiredFlag, &join_pointer(pointer, "required"), message);
        }
        if let Some(Value::Object(properties)) = obj.get_mut("properties") {
            let mut required = Vec::new();
            let base = join_pointer(pointer, "properties");
            for (name, property) in properties.iter_mut() {
                let pointer = join_pointer(&base, name);
                if let Some(flag) = property.get("required").and_then(Value::as_bool) {
                    if let Value::Object(p) = property {
                        p.shift_remove("required");
                    }
                    let message = if flag {
                        required.push(name.clone());
                        format!("`required: true` on a property: read as `{name}` in its object's `required` list")
                    } else {
                        "`required: false` on a property: left out (a property is optional unless listed in `required`)"
                            .to_owned()
                    };
                    self.report(Rule::RequiredFlag, &join_pointer(&pointer, "required"), message);
                }
                self.schema(&pointer, property);
            }
            if !required.is_empty() {
                let list = obj.entry("required").or_insert_with(|| json!([]));
                if let Value::Array(list) = list {
                    for name in required {
                        if !list.iter().any(|v| v.as_str() == Some(name.as_str())) {
                            list.push(Value::String(name));
                        }
                    }
                }
            }
        }
        for key in ["items", "additionalProperties", "not"] {
            if let Some(sub) = obj.get_mut(key) {
                self.schema(&join_pointer(pointer, key), sub);
            }
        }
        for key in ["allOf", "anyOf", "oneOf"] {
            if let Some(Value::Array(members)) = obj.get_mut(key) {
                let base = join_pointer(pointer, key);
                for (i, member) in members.iter_mut().enumerate() {
                    self.schema(&join_pointer(&base, &i.to_string()), member);
                }
            }
        }
        self.format(pointer, obj);
        self.example(pointer, obj);
        self.external_mapping(pointer, obj);
    }

    /// A discriminator's mapping to another file (`models/pets.yml#/Cat`), left by a bundler
    /// that inlined the files but not the mapping: the entry is left out, and the value is told
    /// apart by the members themselves. (One to nothing in this document: [`dangling_mappings`].)
    fn external_mapping(&mut self, pointer: &str, obj: &mut Map<String, Value>) {
        let Some(Value::Object(mapping)) = obj.get_mut("discriminator").and_then(|d| d.get_mut("mapping")) else {
            return;
        };
        let base = join_pointer(&join_pointer(pointer, "discriminator"), "mapping");
        let external: Vec<(String, String)> = mapping
            .iter()
            .filter_map(|(value, target)| Some((value.clone(), target.as_str()?.to_owned())))
            .filter(|(_, target)| !target.starts_with('#') && target.contains(['#', '/']))
            .collect();
        for (value, target) in external {
            mapping.shift_remove(&value);
            let message = format!("discriminator mapping {value:?} points at another file, {target:?}: left out");
            self.report(Rule::ExternalMapping, &join_pointer(&base, &value), message);
        }
    }

    /// Keys beside a schema's `$ref`: in 3.0, OpenAPI says to ignore them.
    fn ref_siblings(&mut self, pointer: &str, obj: &mut Map<String, Value>) {
        if !self.is_30 {
            return;
        }
        let siblings: Vec<String> = obj.keys().filter(|k| *k != "$ref" && !k.starts_with("x-")).cloned().collect();
        if siblings.is_empty() {
            return;
        }
        let nullable = obj.get("nullable") == Some(&json!(true));
        let ignored: Vec<String> = siblings.iter().filter(|k| *k != "nullable").map(|k| format!("`{k}`")).collect();
        let at = join_pointer(pointer, &siblings[0]);
        if nullable {
            let reference = obj.shift_remove("$ref").expect("checked");
            obj.retain(|k, _| k.starts_with("x-") || ANNOTATIONS.contains(&k.as_str()));
            obj.insert("allOf".into(), json!([{"$ref": reference}]));
            obj.insert("nullable".into(), json!(true));
            let message = "`nullable: true` beside a `$ref`, which OpenAPI 3.0 says to ignore: read as a nullable reference (`allOf: [$ref]`, `nullable: true`)";
            self.report(Rule::RefSiblings, &join_pointer(pointer, "nullable"), message.to_owned());
        } else {
            obj.retain(|k, _| k == "$ref" || k.starts_with("x-"));
            let message = format!(
                "{} beside a `$ref`: OpenAPI 3.0 says to ignore keys there; ignored (a `$ref` inside `allOf` may have them)",
                ignored.join(", ")
            );
            self.report(Rule::RefSiblings, &at, message);
        }
    }

    /// JSON Schema 2020-12 keywords in a 3.0 schema: read as in 3.1 (see [`crate::normalize`]).
    fn json_schema_keywords(&mut self, pointer: &str, obj: &mut Map<String, Value>) {
        let found = if obj.get("type").is_some_and(|t| t.is_array() || t == "null") {
            Some("type")
        } else if obj.contains_key("const") {
            Some("const")
        } else {
            ["exclusiveMinimum", "exclusiveMaximum"].into_iter().find(|k| obj.get(*k).is_some_and(Value::is_number))
        };
        if let Some(key) = found {
            let written = obj.get(key).map(Value::to_string).unwrap_or_default();
            crate::normalize::rewrite_schema_keywords(obj);
            let message = format!(
                "`{key}: {written}` is OpenAPI 3.1 (JSON Schema 2020-12) in a 3.0 document: read as 3.1 means it"
            );
            self.report(Rule::JsonSchemaKeywords, &join_pointer(pointer, key), message);
        }
    }

    fn format(&mut self, pointer: &str, obj: &Map<String, Value>) {
        let Some(format) = obj.get("format").and_then(Value::as_str) else { return };
        if KNOWN_FORMATS.contains(&format) {
            return;
        }
        let kind = obj.get("type").and_then(Value::as_str).unwrap_or("value");
        let message = format!("unknown format `{format}`: read as a plain {kind}");
        self.report(Rule::UnknownFormat, &join_pointer(pointer, "format"), message);
    }

    /// An `example` its schema's type, `enum` or `nullable` does not allow.
    fn example(&mut self, pointer: &str, obj: &Map<String, Value>) {
        let Some(example) = obj.get("example") else { return };
        let why = match (example, obj.get("type").and_then(Value::as_str)) {
            (Value::Null, _) if obj.get("nullable") == Some(&json!(true)) => None,
            (Value::Null, Some(_)) => Some("`null`, but the schema is not nullable".to_owned()),
            (_, Some(kind)) if !fits(example, kind) => {
                Some(format!("{}, but the schema's type is {kind}", crate::merge::kind_of(example)))
            }
            _ => match obj.get("enum").and_then(Value::as_array) {
                Some(values) if !example.is_null() && !values.contains(example) => {
                    Some("not one of the schema's `enum` values".to_owned())
                }
                _ => None,
            },
        };
        if let Some(why) = why {
            let message = format!("the example does not fit its schema: {why}; kept as written, in the docs");
            self.report(Rule::ExampleMismatch, &join_pointer(pointer, "example"), message);
        }
    }
}

/// Whether `value` is of the JSON Schema `kind`.
fn fits(value: &Value, kind: &str) -> bool {
    match kind {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|f| f.fract() == 0.0),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(mut doc: Value) -> (Value, Vec<(Rule, String, String)>) {
        let out = repair("a.json", &mut doc);
        let seen = out.into_iter().map(|r| (r.rule, r.diagnostic.location.pointer, r.diagnostic.message)).collect();
        (doc, seen)
    }

    fn with_schema(schema: Value) -> Value {
        json!({"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": {}, "components": {"schemas": {"S": schema}}})
    }

    #[test]
    fn a_property_flagged_required_joins_its_objects_list() {
        let (doc, seen) = repaired(with_schema(json!({
            "type": "object",
            "required": ["a"],
            "properties": {
                "a": {"type": "string"},
                "b": {"type": "string", "required": true},
                "c": {"type": "string", "required": false},
                "required": {"type": "boolean"}
            }
        })));
        let s = &doc["components"]["schemas"]["S"];
        assert_eq!(s["required"], json!(["a", "b"]));
        assert_eq!(s["properties"]["b"], json!({"type": "string"}));
        assert_eq!(s["properties"]["c"], json!({"type": "string"}));
        assert_eq!(s["properties"]["required"], json!({"type": "boolean"}), "a property named `required` stays");
        let pointers: Vec<&str> = seen.iter().map(|(_, p, _)| p.as_str()).collect();
        assert_eq!(
            pointers,
            ["/components/schemas/S/properties/b/required", "/components/schemas/S/properties/c/required"]
        );
        assert!(seen.iter().all(|(rule, _, _)| *rule == Rule::RequiredFlag));
    }

    #[test]
    fn nothing_to_repair_is_left_as_it_is() {
        let doc = json!({
            "openapi": "3.0.3",
            "info": {"title": "T", "version": "1"},
            "paths": {"/a": {"get": {
                "parameters": [{"name": "q", "in": "query", "required": true, "schema": {"type": "string", "format": "uuid", "example": "x"}}],
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/S"}}}}}
            }}},
            "components": {"schemas": {"S": {"type": "object", "properties": {"schema": {"type": "object", "example": {"required": true}}}}}}
        });
        let (after, seen) = repaired(doc.clone());
        assert_eq!(after, doc);
        assert!(seen.is_empty(), "{seen:?}");
    }

    #[test]
    fn a_repair_repeated_in_many_files_is_said_once() {
        let repair = |file: &str, pointer: &str| Repair {
            rule: Rule::UnknownFormat,
            diagnostic: Diagnostic::new(Location::new(file, pointer), "unknown format `url`"),
        };
        let all = vec![
            repair("a.json", "/x"),
            repair("b.json", "/x"),
            repair("b.json", "/y"),
            repair("c.json", "/x"),
            repair("d.json", "/x"),
            repair("e.json", "/x"),
        ];
        let said: Vec<String> = grouped(all).into_iter().map(|r| r.diagnostic.to_string()).collect();
        // An unknown format: once, wherever it is.
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(
            said[0].contains("a.json#/x")
                && said[0].contains("the same in 5 more place(s): b.json, b.json#/y, c.json, ...")
        );
        // Another rule: once per place.
        let example = |file: &str, pointer: &str| Repair { rule: Rule::ExampleMismatch, ..repair(file, pointer) };
        let said = grouped(vec![example("a.json", "/x"), example("b.json", "/x"), example("b.json", "/y")]);
        assert_eq!(said.len(), 2);
        assert!(said[1].diagnostic.notes.is_empty(), "{said:?}");
    }

    #[test]
    fn missing_info_fields_get_placeholders() {
        let mut doc = json!({"openapi": "3.0.0", "info": {"title": "T"}, "paths": {}});
        let seen = info(doc.as_object_mut().unwrap(), "a.json");
        assert_eq!(doc["info"], json!({"title": "T", "version": "unversioned"}));
        let seen: Vec<(String, String)> =
            seen.into_iter().map(|r| (r.diagnostic.location.pointer, r.diagnostic.message)).collect();
        assert_eq!(seen, [("/info".into(), "`info` has no `version`: read as \"unversioned\"".into())]);
        // Per file, nothing: a file's `info` may have been left out as a repeat.
        assert!(repaired(json!({"openapi": "3.0.0", "paths": {}})).1.is_empty());
    }

    #[test]
    fn ref_siblings_are_ignored_but_nullable_wraps_the_reference() {
        let (doc, seen) = repaired(with_schema(json!({"type": "object", "properties": {
            "a": {"$ref": "#/components/schemas/A", "description": "the a", "x-note": 1},
            "b": {"$ref": "#/components/schemas/B", "nullable": true, "description": "the b"}
        }})));
        let props = &doc["components"]["schemas"]["S"]["properties"];
        assert_eq!(props["a"], json!({"$ref": "#/components/schemas/A", "x-note": 1}));
        assert_eq!(
            props["b"],
            json!({"allOf": [{"$ref": "#/components/schemas/B"}], "nullable": true, "description": "the b"})
        );
        assert_eq!(seen.len(), 2);
        assert!(seen[0].2.starts_with("`description` beside a `$ref`"), "{seen:?}");
        assert_eq!(seen[1].1, "/components/schemas/S/properties/b/nullable");
        // In 3.1, keys beside a `$ref` are JSON Schema.
        let mut doc31 = with_schema(json!({"$ref": "#/components/schemas/A", "description": "d"}));
        doc31["openapi"] = json!("3.1.0");
        assert!(repaired(doc31).1.is_empty());
    }

    #[test]
    fn non_text_descriptions_are_left_out() {
        let (doc, seen) = repaired(json!({
            "openapi": "3.0.0",
            "info": {"title": "T", "version": "1"},
            "paths": {"/a": {"get": {"description": {"$ref": "#/x"}, "responses": {"204": {"description": "ok"}}}}}
        }));
        assert!(doc["paths"]["/a"]["get"].get("description").is_none());
        assert_eq!(seen[0].1, "/paths/~1a/get/description");
        assert!(seen[0].2.contains("found a `$ref`"), "{seen:?}");
    }

    #[test]
    fn json_schema_keywords_in_30_are_read_as_31() {
        let (doc, seen) = repaired(with_schema(json!({"type": "object", "properties": {
            "a": {"type": ["string", "null"]},
            "n": {"type": "integer", "exclusiveMinimum": 0},
            "k": {"const": "fixed"}
        }})));
        let props = &doc["components"]["schemas"]["S"]["properties"];
        assert_eq!(props["a"], json!({"type": "string", "nullable": true}));
        assert_eq!(props["n"], json!({"type": "integer", "minimum": 0, "exclusiveMinimum": true}));
        assert_eq!(props["k"], json!({"enum": ["fixed"]}));
        assert_eq!(seen.iter().filter(|s| s.0 == Rule::JsonSchemaKeywords).count(), 3, "{seen:?}");
    }

    #[test]
    fn a_schema_in_place_of_media_types_is_json() {
        let (doc, seen) = repaired(json!({
            "openapi": "3.0.0",
            "info": {"title": "T", "version": "1"},
            "paths": {"/a": {"post": {
                "requestBody": {"content": {"schema": {"type": "object"}, "examples": {}}},
                "responses": {"204": {"description": "ok"}}
            }}}
        }));
        assert_eq!(
            doc["paths"]["/a"]["post"]["requestBody"]["content"],
            json!({"application/json": {"schema": {"type": "object"}}})
        );
        assert_eq!(seen[0].0, Rule::ContentWithoutMediaType);
        assert_eq!(seen[0].1, "/paths/~1a/post/requestBody/content/schema");
        assert_eq!(seen[1].1, "/paths/~1a/post/requestBody/content/examples");
    }

    #[test]
    fn a_response_or_body_that_refers_to_a_schema_is_a_json_body_of_it() {
        let mut doc = with_schema(json!({"type": "object"}));
        doc["paths"] = json!({"/a": {"post": {
            "requestBody": {"$ref": "#/components/schemas/S"},
            "responses": {"400": {"$ref": "#/components/schemas/S"}, "404": {"$ref": "#/components/responses/NotFound"}}
        }}});
        let (doc, seen) = repaired(doc);
        let op = &doc["paths"]["/a"]["post"];
        let body = json!({"application/json": {"schema": {"$ref": "#/components/schemas/S"}}});
        assert_eq!(op["requestBody"], json!({"content": body}));
        assert_eq!(op["responses"]["400"], json!({"content": body, "description": ""}));
        assert_eq!(op["responses"]["404"], json!({"$ref": "#/components/responses/NotFound"}));
        let rules: Vec<(Rule, &str)> = seen.iter().map(|(r, p, _)| (*r, p.as_str())).collect();
        assert_eq!(
            rules,
            [
                (Rule::SchemaAsBody, "/paths/~1a/post/requestBody/$ref"),
                (Rule::SchemaAsBody, "/paths/~1a/post/responses/400/$ref")
            ]
        );
    }

    #[test]
    fn a_discriminator_mapping_into_another_file_is_left_out() {
        let mut doc = with_schema(json!({
            "oneOf": [{"$ref": "#/components/schemas/A"}],
            "discriminator": {"propertyName": "kind", "mapping": {
                "a": "#/components/schemas/A", "b": "S", "c": "models/c.yml#/c", "d": "models/d.yml", "e": "#/e", "f": "F"
            }}
        }));
        doc["components"]["schemas"]["A"] = json!({"type": "object"});
        let (mut doc, mut seen) = repaired(doc);
        let at = |pointer: &str| Location::new("merged", pointer);
        let after_merge = dangling_mappings(&mut doc, &at);
        seen.extend(after_merge.into_iter().map(|r| (r.rule, r.diagnostic.location.pointer, r.diagnostic.message)));
        let mapping = &doc["components"]["schemas"]["S"]["discriminator"]["mapping"];
        assert_eq!(mapping, &json!({"a": "#/components/schemas/A", "b": "S"}));
        let pointers: Vec<&str> = seen.iter().map(|(_, p, _)| p.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/components/schemas/S/discriminator/mapping/c",
                "/components/schemas/S/discriminator/mapping/d",
                "/components/schemas/S/discriminator/mapping/e",
                "/components/schemas/S/discriminator/mapping/f"
            ]
        );
        assert!(seen[2].2.contains("points at nothing, \"#/e\""), "{seen:?}");
    }

    #[test]
    fn unknown_formats_and_unfit_examples_are_reported_and_kept() {
        let schema = json!({"type": "object", "properties": {
            "u": {"type": "string", "format": "url"},
            "n": {"type": "integer", "example": "5"},
            "e": {"type": "string", "enum": ["a"], "example": "b"},
            "z": {"type": "string", "example": null},
            "ok": {"type": "number", "example": 5, "format": "double"}
        }});
        let (doc, seen) = repaired(with_schema(schema.clone()));
        assert_eq!(doc["components"]["schemas"]["S"], schema);
        let rules: Vec<(Rule, &str)> = seen.iter().map(|(r, p, _)| (*r, p.rsplit('/').nth(1).unwrap())).collect();
        assert_eq!(
            rules,
            [
                (Rule::UnknownFormat, "u"),
                (Rule::ExampleMismatch, "n"),
                (Rule::ExampleMismatch, "e"),
                (Rule::ExampleMismatch, "z")
            ]
        );
        assert_eq!(seen[0].2, "unknown format `url`: read as a plain string");
    }
}
