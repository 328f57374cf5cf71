//! Resolve: the merged document → the [`Api`] IR, every type and name decided.
//!
//! Reads the merged document through openapiv3's model, walks the operations in canonical order
//! (paths sorted, methods in HTTP order), converts each schema ([`schema`], with `allOf` flattened by
//! [`allof`]), interns object types so identical structures are shared ([`types`]), then names
//! methods ([`crate::naming`]) and types. Every problem is collected as a diagnostic located in the
//! file that defined it; the stage returns the IR only when there are none.

pub mod allof;
pub mod refs;
pub mod schema;
pub mod types;

use openapiv3::{OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr, Response, SecurityScheme, StatusCode};

use self::refs::{essence, is_json};
use crate::openapi::{PathOp, param_in};
use std::collections::{BTreeMap, BTreeSet};

use self::schema::{Converter, Kind, Sch};
use self::types::{TypeSpace, Use, named_in, status_word};
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics, Location, Sink, Warning, join_pointer};
use crate::ir::{
    Alternative, Api, ApiKeyIn, AuthKind, AuthScheme, Body, ErrorCase, Feature, Field, HttpMethod, Operation,
    Pagination, Param, ParamIn, PathPart, ResponseHeader, ServerTemplate, ServerVariable, StatusMatch, Style, Success,
    Ty, TypeDef, TypeId, TypeUse, Variant,
};
use crate::lock::{Lock, LockedOperation, LockedType, operation_key};
use crate::merge::Merged;
use crate::naming::{
    CLIENT_MEMBERS, Case, OpNaming, RESERVED_METHODS, Uniquifier, is_clean, method_and_companions, method_names,
    sanitize,
};

/// Builds the IR for a merged document, keeping the names `lock` records ([`crate::lock`]), and
/// the lock of the names given.
pub fn resolve(merged: &Merged, config: &Config, lock: &Lock) -> Result<(Api, Lock), Diagnostics> {
    let spec: &OpenAPI = &merged.spec;
    let mut sink = Sink::default();
    let config_at = |key: &str| config.at(&join_pointer("/methods", key));

    // The operations, in canonical order.
    let (raw, problems) = crate::openapi::operations(spec, &merged.doc, &merged.origins);
    problems.into_iter().for_each(|d| sink.push(d));

    let locked_op = |r: &PathOp<'_>| lock.methods.get(&operation_key(r.method, r.path));

    // Method names, with the config's overrides checked against the spec and each other.
    config.check_package().into_iter().for_each(|d| sink.push(d));
    let mut claimed: BTreeMap<String, &str> = BTreeMap::new();
    for (id, name) in &config.methods {
        if !raw.iter().any(|r| r.op.operation_id.as_deref() == Some(id.as_str())) {
            sink.push(Diagnostic::new(config_at(id), format!("method override for unknown operationId {id:?}")));
        }
        if !is_clean(name, Case::Snake) {
            sink.push(Diagnostic::new(
                config_at(id),
                format!("method name {name:?} is not a snake_case Rust identifier"),
            ));
        } else if RESERVED_METHODS.contains(&name.as_str()) {
            sink.push(
                Diagnostic::new(config_at(id), format!("method name {name:?} is taken by the client"))
                    .note(format!("reserved: {}", RESERVED_METHODS.join(", "))),
            );
        } else {
            let names = method_and_companions(name);
            let clash = names.iter().find_map(|n| claimed.get(n).map(|other| (n, *other)));
            if let Some((n, other)) = clash {
                let other_name = &config.methods[other];
                let what = if n == name && n == other_name {
                    format!("method name {name:?} is given to two operations")
                } else {
                    format!("method names {name:?} and {other_name:?} collide: both would have a method `{n}`")
                };
                sink.push(
                    Diagnostic::new(config_at(id), what)
                        .note_at(format!("the override for {other:?}"), config_at(other))
                        .note("help: a method may get companions `<name>_with_headers` and `<name>_stream`"),
                );
            }
            for n in names {
                claimed.entry(n).or_insert(id);
            }
        }
    }
    let namings: Vec<OpNaming<'_>> = raw
        .iter()
        .map(|r| OpNaming {
            operation_id: r.op.operation_id.as_deref(),
            summary: r.op.summary.as_deref(),
            method: r.method,
            path: r.path,
            forced: r.op.operation_id.as_ref().and_then(|id| config.methods.get(id)).map(String::as_str),
            locked: locked_op(r).map(|l| l.method.as_str()),
        })
        .collect();
    let method_names = method_names(&namings);
    let pascal: Vec<String> = method_names.iter().map(|n| sanitize(n, Case::Pascal)).collect();
    // Error enums: the locked name while the method keeps its locked one (an override renames
    // both), claimed before any is derived; else the method's name with `Error`.
    let mut error_names = Uniquifier::default();
    let locked_errors: Vec<Option<String>> = raw
        .iter()
        .zip(&namings)
        .zip(&method_names)
        .map(|((r, naming), name)| {
            let locked = locked_op(r).filter(|l| naming.forced.is_none() && &l.method == name)?;
            (is_clean(&locked.error, Case::Pascal) && error_names.try_take(&locked.error)).then(|| locked.error.clone())
        })
        .collect();

    let (elsewhere, malformed) = schema::schemas_elsewhere(&merged.doc);
    for (pointer, message) in malformed {
        sink.push(Diagnostic::new(merged.origins.locate(&pointer), message));
    }
    // Through a `$ref`, so each is named by its key as when an operation refers to it.
    let component_refs: Vec<(String, ReferenceOr<openapiv3::Schema>)> = match raw.is_empty() {
        true => spec
            .components
            .iter()
            .flat_map(|c| c.schemas.keys())
            .map(|key| {
                let pointer = join_pointer("/components/schemas", key);
                let reference = ReferenceOr::Reference { reference: refs::reference_to(&pointer) };
                (pointer, reference)
            })
            .collect(),
        false => Vec::new(),
    };
    let mut cx = Cx {
        spec,
        merged,
        conv: Converter::new(spec.components.as_ref(), &merged.origins).with_elsewhere(&elsewhere),
        space: TypeSpace::with_locked_titles(lock.titles_by_origin()),
        warnings: Vec::new(),
    };
    // A document without operations (its components only, or 3.1 webhooks) gives a crate of its
    // component schemas. With operations, only the schemas they reach become types.
    for (pointer, reference) in &component_refs {
        match cx.convert(reference, pointer) {
            Ok(sch) => {
                cx.space.intern(&sch);
            }
            Err(d) => sink.push(d),
        }
    }
    let mut operations = Vec::new();
    let mut schemes = Vec::new();
    for (index, r) in raw.iter().enumerate() {
        let error_name = match &locked_errors[index] {
            Some(locked) => locked.clone(),
            None => error_names.take(&format!("{}Error", pascal[index]), Case::Pascal),
        };
        match cx.operation(index, r, (method_names[index].clone(), error_name), &mut schemes) {
            Ok(op) => operations.push(op),
            Err(errors) => errors.into_iter().for_each(|d| sink.push(d)),
        }
    }

    // Type names, with the config's overrides checked against the schemas seen and each other.
    let mut by_name: BTreeMap<&str, (TypeId, &str)> = BTreeMap::new();
    let mut by_type: BTreeMap<TypeId, (&str, &str)> = BTreeMap::new();
    for (pointer, name) in &config.types {
        let at = config.at(&join_pointer("/types", pointer));
        let other_at = |other: &str| config.at(&join_pointer("/types", other));
        let Some(id) = cx.space.defs.iter().position(|d| d.origins.iter().any(|o| &o.pointer == pointer)) else {
            sink.push(Diagnostic::new(
                at,
                format!("type override for {pointer:?}, which is not the location of an object schema"),
            ));
            continue;
        };
        if !is_clean(name, Case::Pascal) {
            sink.push(Diagnostic::new(at, format!("type name {name:?} is not an UpperCamelCase Rust identifier")));
            continue;
        }
        match by_name.get(name.as_str()) {
            Some(&(other_id, other)) if other_id != id => sink.push(
                Diagnostic::new(at.clone(), format!("type name {name:?} is given to two different types"))
                    .note_at("the other override", other_at(other)),
            ),
            _ => {
                by_name.insert(name, (id, pointer));
            }
        }
        match by_type.get(&id) {
            Some(&(other_name, other)) if other_name != name => sink.push(
                Diagnostic::new(at, format!("one type is given two names: {other_name:?} and {name:?}"))
                    .note_at("the other override", other_at(other))
                    .note("help: these schemas are structurally identical and share one type; keep one override"),
            ),
            _ => {
                by_type.insert(id, (name, pointer));
            }
        }
    }
    let (default_base_url, server) = match spec.servers.first().map(|s| default_server(s, merged)) {
        Some(Ok((url, server))) => (Some(url), server),
        Some(Err(d)) => {
            sink.push(d);
            (None, None)
        }
        None => (None, None),
    };
    sink.check()?;
    let type_names =
        cx.space.assign_names(&pascal, &config.types, &lock.type_names_by_origin()).map_err(Diagnostics::new)?;

    let body_roots = operations.iter().filter_map(|o| o.body.as_ref().and_then(|b| named_in(&b.ty)));
    let in_request = cx.space.reachable(body_roots);
    let mut types: Vec<TypeDef> = cx
        .space
        .defs
        .iter()
        .enumerate()
        .map(|(id, def)| {
            let mut unique = Uniquifier::default();
            TypeDef {
                name: type_names[id].clone(),
                doc: def.doc.clone(),
                fields: def
                    .fields
                    .iter()
                    .map(|f| Field {
                        wire: f.wire.clone(),
                        name: unique.take(&sanitize(&f.wire, Case::Snake), Case::Snake),
                        ty: f.ty.clone(),
                        boxed: f.boxed,
                        required: f.required && !f.nullable,
                        absent_or_null: !f.required && f.nullable,
                        read_only: f.read_only,
                        doc: f.doc.clone(),
                    })
                    .collect(),
                variants: {
                    // `Other` holds values the spec does not list; a listed value cannot take it.
                    let mut names = Uniquifier::with_reserved(&["Other"]);
                    def.variants
                        .iter()
                        .map(|wire| Variant {
                            wire: wire.clone(),
                            name: names.take(&sanitize(wire, Case::Pascal), Case::Pascal),
                        })
                        .collect()
                },
                alternatives: {
                    let mut names = Uniquifier::with_reserved(&["Other"]);
                    def.alternatives
                        .iter()
                        .enumerate()
                        .map(|(i, ty)| Alternative {
                            name: names.take(&alternative_name(ty, &type_names), Case::Pascal),
                            ty: ty.clone(),
                            tags: def.discriminator.as_ref().and_then(|d| d.tags.get(i).cloned()).unwrap_or_default(),
                        })
                        .collect()
                },
                tag_property: def.discriminator.as_ref().map(|d| d.property.clone()),
                origins: def.origins.clone(),
                in_request: in_request.contains(&id),
                used_by: used_by(def, &method_names),
                features: Vec::new(),
            }
        })
        .collect();
    box_cycles(&mut types);
    let features = if config.features.tags {
        let tags: Vec<&[String]> = raw.iter().map(|r| r.op.tags.as_slice()).collect();
        tag_features(&tags, &mut operations, &mut types)
    } else {
        Vec::new()
    };

    for op in &mut operations {
        op.pagination = pagination(op, &types);
    }

    let new_lock = Lock::new(
        raw.iter()
            .zip(&operations)
            .map(|(r, op)| {
                let names = LockedOperation { method: op.method_name.clone(), error: op.error_name.clone() };
                (operation_key(r.method, r.path), names)
            })
            .collect(),
        types
            .iter()
            .zip(&cx.space.defs)
            .map(|(t, def)| {
                let origins: BTreeSet<String> = t.origins.iter().map(|o| o.pointer.clone()).collect();
                let locked = LockedType { title: def.identity_title.clone(), origins: origins.into_iter().collect() };
                (t.name.clone(), locked)
            })
            .collect(),
    );

    let info = &spec.info;
    let api = Api {
        title: info.title.clone(),
        version: info.version.clone(),
        description: info.description.clone(),
        default_base_url,
        server,
        auth: {
            name_schemes(&mut schemes);
            schemes
        },
        features,
        types,
        operations,
        warnings: {
            let mut warnings = cx.warnings;
            warnings.sort();
            warnings.dedup();
            warnings
        },
    };
    Ok((api, new_lock))
}

/// The server an operation names for itself (its `servers`, else its path item's), when it is
/// not the document's first: an absolute `http(s)` URL, or a path (`/v2`) resolved against the
/// client's base URL. Server variables take their defaults. Any other form is an error.
fn own_server(r: &PathOp<'_>, top: &[openapiv3::Server], merged: &Merged) -> Result<Option<String>, Diagnostic> {
    let (servers, at) = if r.op.servers.is_empty() {
        (&r.item.servers[..], join_pointer(&r.item_pointer, "servers"))
    } else {
        (&r.op.servers[..], join_pointer(&r.pointer, "servers"))
    };
    let Some(first) = servers.first() else { return Ok(None) };
    let at = join_pointer(&at, "0");
    let own = server_url(first, &at, merged)?;
    if own.starts_with('/') {
        if let Some(problem) = crate::checks::relative_server(&own) {
            return Err(Diagnostic::new(
                merged.origins.locate(&join_pointer(&at, "url")),
                format!("server URL {own:?} {problem}"),
            )
            .note("help: an operation's server is an absolute http(s) URL or a plain path such as `/v2`"));
        }
    } else {
        checked_url(&own).map_err(|problem| {
            Diagnostic::new(merged.origins.locate(&join_pointer(&at, "url")), format!("server URL {own:?} {problem}"))
        })?;
    }
    let top = top.first().map(|s| server_url(s, "/servers/0", merged)).transpose()?;
    Ok((Some(&own) != top.as_ref()).then_some(own))
}

/// A server's URL with its variables at their defaults. Every `{name}` in it must be a variable,
/// and a variable's default one of its values (when it lists some).
fn server_url(server: &openapiv3::Server, at: &str, merged: &Merged) -> Result<String, Diagnostic> {
    let variables = server.variables.as_ref();
    let mut url = String::new();
    let mut rest = server.url.as_str();
    let url_at = || merged.origins.locate(&join_pointer(at, "url"));
    while let Some(open) = rest.find(['{', '}']) {
        let close = rest[open..].find('}').map(|c| open + c).filter(|_| rest[open..].starts_with('{'));
        let Some(close) = close else {
            return Err(Diagnostic::new(url_at(), format!("unbalanced braces in the server URL {:?}", server.url)));
        };
        let name = &rest[open + 1..close];
        let Some(variable) = variables.and_then(|v| v.get(name)) else {
            return Err(Diagnostic::new(url_at(), format!("server URL variable `{{{name}}}` is not defined"))
                .note("help: define it under the server's `variables`, with a `default`"));
        };
        if !variable.enumeration.is_empty() && !variable.enumeration.contains(&variable.default) {
            let at = join_pointer(&join_pointer(at, "variables"), name);
            return Err(Diagnostic::new(
                merged.origins.locate(&at),
                format!("the default {:?} of server variable `{name}` is not one of its values", variable.default),
            ));
        }
        url.push_str(&rest[..open]);
        url.push_str(&variable.default);
        rest = &rest[close + 1..];
    }
    url.push_str(rest);
    Ok(url)
}

/// Why `url` cannot be a base URL of the client, if it cannot: it must be an absolute http(s) URL
/// that can take a path, with no query or fragment (what `ClientBuilder::build` requires).
fn checked_url(url: &str) -> Result<(), String> {
    let parsed = url::Url::parse(url).map_err(|e| format!("is not a valid URL: {e}"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err("is not an http(s) URL".into());
    }
    if parsed.cannot_be_a_base() || parsed.query().is_some() || parsed.fragment().is_some() {
        return Err("must be able to take a path, with no query or fragment".into());
    }
    Ok(())
}

/// The document's first server: its URL with the variables' defaults, and the variables the
/// builder offers. A relative URL (`/v1`, legal OpenAPI: relative to where the document is
/// served) is kept as it is; anything else must pass [`checked_url`].
fn default_server(server: &openapiv3::Server, merged: &Merged) -> Result<(String, Option<ServerTemplate>), Diagnostic> {
    let url = server_url(server, "/servers/0", merged)?;
    match url::Url::parse(&url) {
        Err(url::ParseError::RelativeUrlWithoutBase) => return Ok((url, None)),
        _ => checked_url(&url).map_err(|problem| {
            Diagnostic::new(merged.origins.locate("/servers/0/url"), format!("server URL {url:?} {problem}"))
        })?,
    }
    let template = &server.url;
    // The host (and port) ends at the first `/` after the scheme.
    let Some(scheme_end) = template.find("://").map(|i| i + 3) else { return Ok((url, None)) };
    let host_end = template[scheme_end..].find('/').map_or(template.len(), |i| scheme_end + i);
    let mut variables = Vec::new();
    for (name, variable) in server.variables.iter().flatten() {
        let Some(place) = template.find(&format!("{{{name}}}")) else { continue };
        if place < scheme_end {
            return Ok((url, None)); // The scheme is a variable: nothing is offered.
        }
        let in_host = place < host_end;
        // The client takes only DNS labels in the host (`ClientBuilder::build` checks): a variable
        // whose own values are not (`localhost:8080`) could never be set, so none is offered.
        let values = std::iter::once(&variable.default).chain(variable.enumeration.iter());
        if in_host && !values.into_iter().all(|v| crate::checks::dns_labels(v)) {
            return Ok((url, None));
        }
        variables.push(ServerVariable {
            name: name.clone(),
            default: variable.default.clone(),
            values: variable.enumeration.clone(),
            in_host,
            doc: variable.description.clone(),
        });
    }
    let server = (!variables.is_empty()).then(|| ServerTemplate { url: template.clone(), variables });
    Ok((url, server))
}

/// One cargo feature per tag (kebab case, made unique; `default` and `full` are the crate's own).
/// Each operation gets the features of its tags; each type the features of every operation that
/// reaches it (through fields, list items, map values and union members), or none, so it is
/// always compiled, when an operation without tags reaches it or none does.
fn tag_features(tags: &[&[String]], operations: &mut [Operation], types: &mut [TypeDef]) -> Vec<Feature> {
    use heck::ToKebabCase;
    let mut features: Vec<Feature> = Vec::new();
    let mut unique = Uniquifier::with_reserved(&["default", "full"]);
    let mut by_tag: BTreeMap<&str, usize> = BTreeMap::new();
    for (op, op_tags) in operations.iter_mut().zip(tags) {
        for tag in op_tags.iter() {
            let index = *by_tag.entry(tag.as_str()).or_insert_with(|| {
                let kebab: String =
                    tag.to_kebab_case().chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
                let base =
                    if kebab.starts_with(|c: char| c.is_ascii_alphabetic()) { kebab } else { format!("tag-{kebab}") };
                let name = (1..)
                    .map(|n| if n == 1 { base.clone() } else { format!("{base}-{n}") })
                    .find(|candidate| unique.try_take(candidate))
                    .expect("some suffix is free");
                features.push(Feature { name, tag: tag.clone(), operations: 0 });
                features.len() - 1
            });
            if !op.features.contains(&features[index].name) {
                features[index].operations += 1;
                op.features.push(features[index].name.clone());
            }
        }
    }
    // `None`: always compiled; `Some(set)`: when one of these is on.
    let mut gate: Vec<Option<BTreeSet<String>>> = vec![Some(BTreeSet::new()); types.len()];
    let mut reached = vec![false; types.len()];
    for op in operations.iter() {
        let mut stack: Vec<TypeId> = op_types(op).into_iter().flat_map(named_in).collect();
        let mut seen = BTreeSet::new();
        while let Some(id) = stack.pop() {
            if !seen.insert(id) {
                continue;
            }
            reached[id] = true;
            match (&mut gate[id], op.features.is_empty()) {
                (slot @ Some(_), true) => *slot = None,
                (Some(set), false) => set.extend(op.features.iter().cloned()),
                (None, _) => {}
            }
            let t = &types[id];
            let inner = t.fields.iter().map(|f| &f.ty).chain(t.alternatives.iter().map(|a| &a.ty));
            stack.extend(inner.flat_map(named_in));
        }
    }
    for ((t, gate), reached) in types.iter_mut().zip(gate).zip(reached) {
        if let (Some(set), true) = (gate, reached) {
            t.features = set.into_iter().collect();
        }
    }
    features
}

/// The types an operation names directly: parameters, body, success and error bodies.
fn op_types(op: &Operation) -> Vec<&Ty> {
    let params = op.params.iter().map(|p| &p.ty);
    let body = op.body.iter().map(|b| &b.ty);
    let success = op.success.iter().filter_map(|s| s.ty.as_ref());
    let errors = op.errors.iter().filter_map(|e| e.ty.as_ref());
    params.chain(body).chain(success).chain(errors).collect()
}

struct Cx<'a> {
    spec: &'a OpenAPI,
    merged: &'a Merged,
    conv: Converter<'a>,
    space: TypeSpace,
    /// What the client leaves out on purpose (see [`Warning`]).
    warnings: Vec<Warning>,
}

impl<'a> Cx<'a> {
    fn loc(&self, pointer: &str) -> Location {
        self.merged.origins.locate(pointer)
    }

    /// Converts a schema and hands the components it converted to the type space.
    fn convert(
        &mut self,
        schema: &'a ReferenceOr<openapiv3::Schema>,
        pointer: &str,
    ) -> Result<schema::Sch, Diagnostic> {
        let out = self.conv.convert(schema, pointer);
        for (key, component) in self.conv.take_new() {
            self.space.sources.insert(key, component);
        }
        out
    }

    fn operation(
        &mut self,
        index: usize,
        r: &PathOp<'a>,
        (method_name, error_name): (String, String),
        schemes: &mut Vec<AuthScheme>,
    ) -> Result<Operation, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let params = self.params(index, r, &mut errors);
        let path_parts = self.path_parts(r, &params, &mut errors);
        self.path_warnings(r);
        let body = self.body(index, r, &mut errors);
        let mut response_headers = Vec::new();
        let (success, error_cases) = self.responses(index, r, &mut response_headers, &mut errors);
        let mut header_names = Uniquifier::default();
        for h in &mut response_headers {
            h.name = header_names.take(&sanitize(&h.wire, Case::Snake), Case::Snake);
        }
        let auth = self.auth(r, schemes, &mut errors);
        let server = own_server(r, &self.spec.servers, self.merged).unwrap_or_else(|d| {
            errors.push(d);
            None
        });
        if !errors.is_empty() {
            return Err(errors);
        }
        let success_name = success
            .iter()
            .any(|s| !s.variant.is_empty())
            .then(|| format!("{}Success", error_name.trim_end_matches("Error")));
        Ok(Operation {
            operation_id: r.op.operation_id.clone(),
            method_name,
            error_name,
            success_name,
            response_headers,
            http_method: HttpMethod::parse(r.method).expect("openapiv3 yields only known methods"),
            path: r.path.to_owned(),
            path_parts,
            params,
            body,
            success,
            errors: error_cases,
            summary: r.op.summary.clone(),
            description: r.op.description.clone(),
            deprecated: r.op.deprecated,
            pagination: None,
            auth,
            server,
            features: Vec::new(),
            origin: self.loc(&r.pointer),
        })
    }

    /// Path-item parameters overridden by operation parameters of the same name and location.
    fn params(&mut self, index: usize, r: &PathOp<'a>, errors: &mut Vec<Diagnostic>) -> Vec<Param> {
        let found = crate::openapi::parameters(self.spec, r, &self.merged.origins, errors);
        // `body` is the body argument; `request` and `cookies` are locals of every method.
        let mut unique = Uniquifier::with_reserved(&["body", "self", "request", "cookies"]);
        let mut out = Vec::new();
        for (ptr, p) in found {
            let data = p.parameter_data_ref();
            let (location, place) = param_in(p);
            if location == ParamIn::Header
                && crate::checks::IGNORED_HEADERS.contains(&data.name.to_ascii_lowercase().as_str())
            {
                // OpenAPI: such definitions SHALL be ignored.
                self.warnings.push(Warning(
                    Diagnostic::new(self.loc(&ptr), format!("header parameter {:?} is ignored", data.name)).note(
                        "OpenAPI says to ignore header parameters named Accept, Content-Type and Authorization: \
                         the client sets them from the response types, the body and the security schemes",
                    ),
                ));
                continue;
            }
            if let Some(problem) = crate::checks::wire_name(place, &data.name) {
                errors.push(Diagnostic::new(self.loc(&ptr), format!("{place} parameter {:?} {problem}", data.name)));
                continue;
            }
            // `content` instead of `schema`: the value in that media type. JSON is written as JSON
            // text (`filter={"a":1}`); any other media type is taken as the schema says.
            let (schema, schema_ptr, json) = match &data.format {
                ParameterSchemaOrContent::Schema(s) => (s, join_pointer(&ptr, "schema"), false),
                ParameterSchemaOrContent::Content(content) => {
                    let media = content.iter().next().and_then(|(m, c)| Some((m, c.schema.as_ref()?)));
                    let Some((media, schema)) = media else {
                        errors.push(Diagnostic::new(
                            self.loc(&join_pointer(&ptr, "content")),
                            "a parameter's `content` needs one media type with a schema",
                        ));
                        continue;
                    };
                    let at = join_pointer(&join_pointer(&join_pointer(&ptr, "content"), media), "schema");
                    (schema, at, is_json(media))
                }
            };
            let mut sch = match self.convert(schema, &schema_ptr) {
                Ok(s) => s,
                Err(d) => {
                    errors.push(d);
                    continue;
                }
            };
            let scalar = |k: &Kind| matches!(k, Kind::String | Kind::Bool | Kind::Integer(_) | Kind::Number(_));
            // A parameter that is one of several scalars (`integer | string`) travels as text
            // either way: take it as a string.
            // A query parameter that is a value or a list of values is taken as a list: one value
            // is a list of one (`has=patch`).
            let scalar_list = |k: &Kind| matches!(k, Kind::Array(items) if scalar(&items.kind));
            if let Kind::OneOf(members) = &sch.kind
                && members.iter().all(|m| scalar(&m.kind) || (location == ParamIn::Query && scalar_list(&m.kind)))
            {
                let words: Vec<&str> = members.iter().map(|m| m.kind.word()).collect();
                let list = members.iter().any(|m| scalar_list(&m.kind));
                sch.constraints.push(format!("one of: {}, written as text", words.join(", ")));
                sch.kind = if list {
                    Kind::Array(Box::new(Sch::any(sch.loc.clone()).with_kind(Kind::String)))
                } else {
                    Kind::String
                };
            }
            // Every schema can be written: scalars as text, lists, objects, maps and unions by
            // the parameter's style (`runtime::query_pairs` and `runtime::expand`).
            let style = match p {
                Parameter::Query { style, .. } => match style {
                    openapiv3::QueryStyle::Form => Style::Form,
                    openapiv3::QueryStyle::SpaceDelimited => Style::SpaceDelimited,
                    openapiv3::QueryStyle::PipeDelimited => Style::PipeDelimited,
                    openapiv3::QueryStyle::DeepObject => Style::DeepObject,
                },
                Parameter::Path { style, .. } => match style {
                    openapiv3::PathStyle::Simple => Style::Simple,
                    openapiv3::PathStyle::Label => Style::Label,
                    openapiv3::PathStyle::Matrix => Style::Matrix,
                },
                Parameter::Header { .. } => Style::Simple,
                Parameter::Cookie { .. } => Style::Form,
            };
            let style = if json { Style::Json } else { style };
            // OpenAPI: `explode` defaults to true for `form` and false for every other style.
            let explode = data.explode.unwrap_or(style == Style::Form);
            let ty = self.space.intern(&sch);
            self.space.add_use(&ty, Use::Param { op: index, name: data.name.clone() });
            out.push(Param {
                wire: data.name.clone(),
                name: unique.take(&sanitize(&data.name, Case::Snake), Case::Snake),
                location,
                ty,
                required: data.required || location == ParamIn::Path,
                deprecated: data.deprecated == Some(true),
                style,
                explode,
                doc: types::with_constraints(data.description.as_deref(), &sch.constraints),
            });
        }
        out
    }

    /// Real specs write a fixed query string into a path key (`/alerts?lat={lat}`), or label
    /// operations with a fragment (`/#X-Amz-Target=…`): both are taken as written (the query is
    /// sent, the fragment never is), with a warning, since neither is a path as OpenAPI means it.
    fn path_warnings(&mut self, r: &PathOp<'a>) {
        let (sent, fragment) = r.path.split_once('#').map_or((r.path, None), |(sent, f)| (sent, Some(f)));
        if let Some(fragment) = fragment {
            let message =
                format!("path {:?} has a fragment `#{fragment}`, which is never sent: requests go to {sent:?}", r.path);
            self.warnings.push(Warning(Diagnostic::new(self.loc(&r.pointer), message)));
        }
        if let Some((_, query)) = sent.split_once('?') {
            let message =
                format!("path {:?} carries a query string `?{query}`: it is sent as written after the path", r.path);
            self.warnings.push(Warning(Diagnostic::new(self.loc(&r.pointer), message)));
        }
    }

    fn path_parts(&self, r: &PathOp<'a>, params: &[Param], errors: &mut Vec<Diagnostic>) -> Vec<PathPart> {
        let mut parts = Vec::new();
        // A fragment labels the operation and is never sent (see `path_warnings`).
        let mut rest = r.path.split_once('#').map_or(r.path, |(path, _)| path);
        let mut used = Vec::new();
        let mut names = BTreeSet::new();
        let bad = |what: &str| Diagnostic::new(self.loc(&r.pointer), format!("{what} in the path `{}`", r.path));
        while let Some(open) = rest.find(['{', '}']) {
            let close = rest[open..].find('}').map(|c| open + c);
            let Some(close) = close.filter(|&c| rest[open..].starts_with('{') && !rest[open + 1..c].contains('{'))
            else {
                let brace = if rest[open..].starts_with('{') { '{' } else { '}' };
                errors.push(bad(&format!("unbalanced `{brace}`")));
                // The parameters after it cannot be told: none is reported as missing.
                return parts;
            };
            let name = &rest[open + 1..close];
            if name.is_empty() {
                errors.push(bad("empty `{}`"));
                rest = &rest[close + 1..];
                continue;
            } else if !names.insert(name) {
                errors.push(bad(&format!("`{{{name}}}` appears twice")));
            }
            if open > 0 {
                parts.push(PathPart::Literal(rest[..open].to_owned()));
            }
            let whole_segment =
                rest[..open].ends_with('/') && (close + 1 == rest.len() || rest[close + 1..].starts_with('/'));
            match params.iter().position(|p| p.location == ParamIn::Path && p.wire == name) {
                Some(index) => {
                    used.push(index);
                    parts.push(PathPart::Param { index, whole_segment });
                }
                None => errors.push(Diagnostic::new(
                    self.loc(&r.pointer),
                    format!("path parameter {{{name}}} in `{}` is not declared", r.path),
                )),
            }
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(PathPart::Literal(rest.to_owned()));
        }
        for (i, p) in params.iter().enumerate() {
            if p.location == ParamIn::Path && !used.contains(&i) {
                errors.push(Diagnostic::new(
                    self.loc(&r.pointer),
                    format!("path parameter {:?} is declared but not in the path `{}`", p.wire, r.path),
                ));
            }
        }
        parts
    }

    fn body(&mut self, index: usize, r: &PathOp<'a>, errors: &mut Vec<Diagnostic>) -> Option<Body> {
        let ptr = join_pointer(&r.pointer, "requestBody");
        let body = match refs::follow(self.spec, r.op.request_body.as_ref()?, &ptr) {
            Ok((body, _)) => body,
            Err(message) => {
                errors.push(Diagnostic::new(self.loc(&ptr), message));
                return None;
            }
        };
        let content_ptr = join_pointer(&ptr, "content");
        let (media, ty) = match self.body_type(&body.content, &content_ptr, errors)? {
            Some(found) => found,
            None => {
                let types: Vec<&str> = body.content.keys().map(String::as_str).collect();
                errors.push(Diagnostic::new(
                    self.loc(&content_ptr),
                    format!("request bodies of type {types:?} are not supported yet (JSON, form, text and binary are)"),
                ));
                return None;
            }
        };
        self.space.add_use(&ty, Use::Body { op: index });
        let mut doc = body.description.clone();
        if ty == Ty::Multipart {
            doc = Some(self.multipart_doc(doc, &body.content[&media], &join_pointer(&content_ptr, &media)));
        }
        Some(Body { ty, media, required: body.required, doc })
    }

    fn responses(
        &mut self,
        index: usize,
        r: &PathOp<'a>,
        headers: &mut Vec<ResponseHeader>,
        errors: &mut Vec<Diagnostic>,
    ) -> (Vec<Success>, Vec<ErrorCase>) {
        let base = join_pointer(&r.pointer, "responses");
        let mut listed: Vec<(StatusMatch, String, &'a ReferenceOr<Response>)> =
            r.op.responses
                .responses
                .iter()
                .map(|(code, resp)| match code {
                    StatusCode::Code(c) => (StatusMatch::Code(*c), c.to_string(), resp),
                    StatusCode::Range(c) => (StatusMatch::Range(*c), format!("{c}XX"), resp),
                })
                .collect();
        listed.sort_by_key(|(m, _, _)| m.clone());
        if let Some(default) = &r.op.responses.default {
            listed.push((StatusMatch::Default, "default".into(), default));
        }

        let is_success = |m: &StatusMatch| match m {
            StatusMatch::Code(c) => (200..300).contains(c),
            StatusMatch::Range(c) => *c == 2,
            StatusMatch::Default => false,
        };
        let has_success = listed.iter().any(|(m, _, _)| is_success(m));
        let mut success = Vec::new();
        let mut error_cases = Vec::new();
        let mut variants = Uniquifier::default();
        for (status, key, resp) in listed {
            let ptr = join_pointer(&base, &key);
            let (resp, resp_ptr) = match refs::follow(self.spec, resp, &ptr) {
                Ok(found) => found,
                Err(message) => {
                    errors.push(Diagnostic::new(self.loc(&ptr), message));
                    continue;
                }
            };
            let error = !is_success(&status);
            let Some(ty) = self.response_body(resp, &resp_ptr, errors) else {
                continue;
            };
            if let Some(ty) = &ty {
                self.space.add_use(ty, Use::Response { op: index, status: key.clone(), error });
            }
            let doc = Some(resp.description.clone()).filter(|d| !d.is_empty());
            if !error {
                for (wire, header) in &resp.headers {
                    let ptr = join_pointer(&join_pointer(&resp_ptr, "headers"), wire);
                    let (header, ptr) = match refs::follow(self.spec, header, &ptr) {
                        Ok(found) => found,
                        Err(message) => {
                            errors.push(Diagnostic::new(self.loc(&ptr), message));
                            continue;
                        }
                    };
                    if headers.iter().any(|h: &ResponseHeader| h.wire.eq_ignore_ascii_case(wire)) {
                        continue;
                    }
                    let ty = match &header.format {
                        ParameterSchemaOrContent::Schema(s) => {
                            match self.convert(s, &join_pointer(&ptr, "schema")).map(|s| s.kind) {
                                Ok(Kind::Integer(_)) => Ty::I64,
                                Ok(Kind::Number(_)) => Ty::F64,
                                Ok(Kind::Bool) => Ty::Bool,
                                _ => Ty::String,
                            }
                        }
                        ParameterSchemaOrContent::Content(_) => Ty::String,
                    };
                    headers.push(ResponseHeader {
                        wire: wire.clone(),
                        name: String::new(),
                        ty,
                        doc: header.description.clone(),
                    });
                }
            }
            // With no documented success, `default` describes the successful answer too.
            if !error || (status == StatusMatch::Default && !has_success) {
                let status = if error { StatusMatch::Range(2) } else { status.clone() };
                success.push(Success { status, variant: String::new(), ty: ty.clone(), doc: doc.clone() });
            }
            if error {
                let word = match status {
                    StatusMatch::Default => "Other".to_owned(),
                    _ => status_word(&key),
                };
                error_cases.push(ErrorCase { status, variant: variants.take(&word, Case::Pascal), ty, doc });
            }
        }
        // Success statuses with different bodies: each gets a variant of a success enum.
        let bodies: std::collections::BTreeSet<&Option<Ty>> = success.iter().map(|s| &s.ty).collect();
        if bodies.len() > 1 {
            let mut names = Uniquifier::default();
            for s in &mut success {
                let key = match s.status {
                    StatusMatch::Code(c) => c.to_string(),
                    StatusMatch::Range(r) => format!("{r}XX"),
                    StatusMatch::Default => "default".into(),
                };
                s.variant = names.take(&status_word(&key), Case::Pascal);
            }
        }
        (success, error_cases)
    }

    /// `Some(None)`: no body; `Some(Some(ty))`: a body; `None`: an error was reported.
    fn response_body(&mut self, resp: &'a Response, ptr: &str, errors: &mut Vec<Diagnostic>) -> Option<Option<Ty>> {
        if resp.content.is_empty() {
            return Some(None);
        }
        let content_ptr = join_pointer(ptr, "content");
        match self.body_type(&resp.content, &content_ptr, errors)? {
            Some((_, ty)) => Some(Some(ty)),
            None => {
                let types: Vec<&str> = resp.content.keys().map(String::as_str).collect();
                errors.push(Diagnostic::new(
                    self.loc(&content_ptr),
                    format!("response bodies of type {types:?} are not supported yet (JSON, text and binary are)"),
                ));
                None
            }
        }
    }

    /// A multipart body's docs: its description and the parts its schema lists.
    fn multipart_doc(&mut self, description: Option<String>, media: &'a openapiv3::MediaType, ptr: &str) -> String {
        let parts: Vec<String> = match media.schema.as_ref().map(|s| self.convert(s, &join_pointer(ptr, "schema"))) {
            Some(Ok(sch)) => match self.conv.expand(sch).kind {
                Kind::Object(o) => o.props.keys().map(|p| format!("`{p}`")).collect(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        let mut doc = description.map(|d| format!("{d} ")).unwrap_or_default();
        doc.push_str("A `multipart/form-data` form");
        if !parts.is_empty() {
            doc.push_str(&format!(" with the parts {}", parts.join(", ")));
        }
        doc.push('.');
        doc
    }

    /// The media type and Rust type of a body, preferring JSON, then a form, text and binary.
    /// `Some(None)`: no media type the client can handle; `None`: an error was reported.
    fn body_type(
        &mut self,
        content: &'a indexmap::IndexMap<String, openapiv3::MediaType>,
        content_ptr: &str,
        errors: &mut Vec<Diagnostic>,
    ) -> Option<Option<(String, Ty)>> {
        let pick = content
            .iter()
            .find(|(m, _)| is_json(m))
            .or_else(|| content.iter().find(|(m, _)| essence(m) == "application/x-www-form-urlencoded"))
            .or_else(|| content.iter().find(|(m, _)| essence(m).starts_with("text/")))
            .or_else(|| content.iter().find(|(m, _)| !essence(m).starts_with("multipart/")));
        let multipart = || content.iter().find(|(m, _)| essence(m) == "multipart/form-data");
        let Some((media, mt)) = pick.or_else(multipart) else { return Some(None) };
        let e = essence(media);
        if e == "multipart/form-data" {
            return Some(Some((media.clone(), Ty::Multipart)));
        }
        if e.starts_with("text/") {
            return Some(Some((media.clone(), Ty::Text)));
        }
        if !is_json(media) && e != "application/x-www-form-urlencoded" {
            return Some(Some((media.clone(), Ty::Bytes)));
        }
        let Some(schema) = &mt.schema else { return Some(Some((media.clone(), Ty::Json))) };
        match self.convert(schema, &join_pointer(&join_pointer(content_ptr, media), "schema")) {
            Ok(sch) => Some(Some((media.clone(), self.space.intern(&sch)))),
            Err(d) => {
                errors.push(d);
                None
            }
        }
    }

    /// The operation's security alternatives, as indices into `schemes` (which grows as needed).
    fn auth(&self, r: &PathOp<'a>, schemes: &mut Vec<AuthScheme>, errors: &mut Vec<Diagnostic>) -> Vec<Vec<usize>> {
        let Some(requirements) = r.op.security.as_ref().or(self.spec.security.as_ref()) else { return Vec::new() };
        let at = if r.op.security.is_some() { join_pointer(&r.pointer, "security") } else { "/security".to_owned() };
        let defined = self.spec.components.as_ref().map(|c| &c.security_schemes);
        let mut alternatives = Vec::new();
        for requirement in requirements {
            let mut alternative = Vec::new();
            for name in requirement.keys() {
                let kind = match defined.and_then(|d| d.get(name)) {
                    Some(scheme) => refs::follow(self.spec, scheme, &join_pointer("/components/securitySchemes", name))
                        .and_then(|(s, _)| auth_kind(s)),
                    None => Err(format!("security scheme {name:?} is not defined in components/securitySchemes")),
                };
                let kind = match kind {
                    Ok(kind) => kind,
                    Err(message) => {
                        errors.push(Diagnostic::new(self.loc(&at), message));
                        continue;
                    }
                };
                let index = match schemes.iter().position(|s| &s.key == name) {
                    Some(i) => i,
                    None => {
                        if let AuthKind::ApiKey { location, name: wire } = &kind {
                            let place = match location {
                                ApiKeyIn::Header => "header",
                                ApiKeyIn::Query => "query",
                                ApiKeyIn::Cookie => "cookie",
                            };
                            if let Some(problem) = crate::checks::wire_name(place, wire) {
                                errors.push(Diagnostic::new(
                                    self.loc(&join_pointer("/components/securitySchemes", name)),
                                    format!("API key {place} name {wire:?} {problem}"),
                                ));
                                continue;
                            }
                        }
                        schemes.push(AuthScheme {
                            key: name.clone(),
                            kind,
                            setter: String::new(),
                            field: String::new(),
                        });
                        schemes.len() - 1
                    }
                };
                alternative.push(index);
            }
            alternatives.push(alternative);
        }
        // An anonymous alternative (`{}`) needs nothing: it is what the client does anyway when no
        // listed alternative has all its credentials configured.
        alternatives.retain(|a| !a.is_empty());
        alternatives
    }
}

fn auth_kind(scheme: &SecurityScheme) -> Result<AuthKind, String> {
    Ok(match scheme {
        SecurityScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("bearer") => AuthKind::Bearer,
        SecurityScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("basic") => AuthKind::Basic,
        SecurityScheme::HTTP { scheme, .. } => {
            return Err(format!("HTTP authentication scheme {scheme:?} is not supported (bearer and basic are)"));
        }
        SecurityScheme::OAuth2 { .. } | SecurityScheme::OpenIDConnect { .. } => AuthKind::Bearer,
        SecurityScheme::APIKey { location, name, .. } => AuthKind::ApiKey {
            location: match location {
                openapiv3::APIKeyLocation::Header => ApiKeyIn::Header,
                openapiv3::APIKeyLocation::Query => ApiKeyIn::Query,
                openapiv3::APIKeyLocation::Cookie => ApiKeyIn::Cookie,
            },
            name: name.clone(),
        },
    })
}

/// Builder method and field names for the schemes: `bearer_token`, `basic_auth` and `api_key` when
/// a kind appears once, else the scheme's own name in snake case; never one of
/// [`CLIENT_MEMBERS`] (`timeout` → `timeout_2`).
fn name_schemes(schemes: &mut [AuthScheme]) {
    let kind_word = |k: &AuthKind| match k {
        AuthKind::Bearer => "bearer_token",
        AuthKind::Basic => "basic_auth",
        AuthKind::ApiKey { .. } => "api_key",
    };
    let mut unique = Uniquifier::with_reserved(&CLIENT_MEMBERS);
    let mut variants = Uniquifier::default();
    for i in 0..schemes.len() {
        let same_kind = schemes.iter().filter(|s| kind_word(&s.kind) == kind_word(&schemes[i].kind)).count();
        let wanted = if same_kind == 1 {
            kind_word(&schemes[i].kind).to_owned()
        } else {
            sanitize(&schemes[i].key, Case::Snake)
        };
        let setter = unique.take(wanted.trim_start_matches("r#"), Case::Snake);
        schemes[i].field = variants.take(&sanitize(&schemes[i].key, Case::Pascal), Case::Pascal);
        schemes[i].setter = setter;
    }
}

/// The variant name of a `oneOf` member: its type's name.
fn alternative_name(ty: &Ty, type_names: &[String]) -> String {
    match ty {
        Ty::String => "String".into(),
        Ty::Bool => "Boolean".into(),
        Ty::I32 | Ty::I64 => "Integer".into(),
        Ty::F32 | Ty::F64 => "Number".into(),
        Ty::Json => "Value".into(),
        Ty::Text => "Text".into(),
        Ty::Bytes => "Bytes".into(),
        Ty::Multipart => "Form".into(),
        Ty::Vec(inner) => format!("{}List", alternative_name(inner, type_names)),
        Ty::Map(inner) => format!("{}Map", alternative_name(inner, type_names)),
        Ty::Named(id) => type_names[*id].clone(),
    }
}

/// Recognises cursor pagination (README "Pagination"): a string query parameter `P`, and a success
/// body with exactly one array property (the items) and a string property named `P` or `next_P`,
/// at its top level or in one of its object properties (`metadata.page_key`).
fn pagination(op: &Operation, types: &[TypeDef]) -> Option<Pagination> {
    // A multipart form is consumed by one request: it cannot be sent again for the next page.
    if op.body.as_ref().is_some_and(|b| b.ty == Ty::Multipart) {
        return None;
    }
    let Some(Ty::Named(body)) = op.success.first().and_then(|s| s.ty.clone()) else { return None };
    let body = &types[body];
    let arrays: Vec<&Field> = body.fields.iter().filter(|f| matches!(f.ty, Ty::Vec(_))).collect();
    let [items] = arrays.as_slice() else { return None };
    let Ty::Vec(item_ty) = &items.ty else { return None };
    for (index, p) in op.params.iter().enumerate() {
        if p.location != ParamIn::Query || p.ty != Ty::String || p.required {
            continue;
        }
        let wanted = sanitize(&p.wire, Case::Snake);
        let is_cursor = |f: &Field| f.ty == Ty::String && (f.name == wanted || f.name == format!("next_{wanted}"));
        let cursor =
            body.fields.iter().find(|f| is_cursor(f)).map(|f| (vec![(f.name.clone(), f.required)], f)).or_else(|| {
                body.fields.iter().find_map(|outer| match &outer.ty {
                    Ty::Named(id) if types[*id].variants.is_empty() => types[*id]
                        .fields
                        .iter()
                        .find(|f| is_cursor(f))
                        .map(|f| (vec![(outer.name.clone(), outer.required), (f.name.clone(), f.required)], f)),
                    _ => None,
                })
            });
        if let Some((cursor, field)) = cursor {
            return Some(Pagination {
                cursor_param: index,
                cursor,
                cursor_nullable: field.absent_or_null,
                items: vec![(items.name.clone(), items.required)],
                item_ty: (**item_ty).clone(),
            });
        }
    }
    None
}

/// Boxes struct fields until no type contains itself by value. A reference back to a component
/// being converted is boxed as it is met; a cycle through unions or several types (Stripe's
/// `Price` → `product` union → `Product` → `default_price` union → `Price`) is found here, by
/// depth-first search over the by-value edges (fields not yet boxed, union members; lists and
/// maps are on the heap already), and broken at its last field. Repeated until a pass boxes
/// nothing, since breaking one cycle at a field it shares with the search path may leave another.
fn box_cycles(types: &mut [TypeDef]) {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnPath,
        Done,
    }
    /// The by-value edges of a type: the field they come from (`None`: a union member) and target.
    fn edges(t: &TypeDef) -> Vec<(Option<usize>, TypeId)> {
        let fields = t.fields.iter().enumerate().filter_map(|(i, f)| match f.ty {
            Ty::Named(id) if !f.boxed => Some((Some(i), id)),
            _ => None,
        });
        let members = t.alternatives.iter().filter_map(|a| match a.ty {
            Ty::Named(id) => Some((None, id)),
            _ => None,
        });
        fields.chain(members).collect()
    }
    fn visit(types: &mut [TypeDef], id: TypeId, state: &mut [State], path: &mut Vec<(TypeId, Option<usize>)>) -> bool {
        state[id] = State::OnPath;
        let mut boxed = false;
        for (field, target) in edges(&types[id]) {
            if field.is_some_and(|f| types[id].fields[f].boxed) {
                continue; // boxed while visiting an earlier edge
            }
            path.push((id, field));
            match state[target] {
                State::OnPath => {
                    let start = path.iter().rposition(|(n, _)| *n == target).unwrap_or(0);
                    if let Some(&(n, Some(f))) = path[start..].iter().rev().find(|(_, f)| f.is_some()) {
                        types[n].fields[f].boxed = true;
                        boxed = true;
                    }
                }
                State::New => boxed |= visit(types, target, state, path),
                State::Done => {}
            }
            path.pop();
        }
        state[id] = State::Done;
        boxed
    }
    loop {
        let mut state = vec![State::New; types.len()];
        let mut boxed = false;
        for id in 0..types.len() {
            if state[id] == State::New {
                boxed |= visit(types, id, &mut state, &mut Vec::new());
            }
        }
        if !boxed {
            return;
        }
    }
}

/// The operations that use a type directly: one entry per method, statuses joined in order.
fn used_by(def: &types::Def, method_names: &[String]) -> Vec<TypeUse> {
    let mut by_op: Vec<(usize, Vec<String>)> = Vec::new();
    let mut uses: Vec<&(u64, Use)> = def.uses.iter().collect();
    uses.sort_by_key(|(seq, _)| *seq);
    for (_, u) in uses {
        let (op, role) = match u {
            Use::Body { op } => (*op, "request body".to_owned()),
            Use::Param { op, name } => (*op, format!("parameter `{name}`")),
            Use::Response { op, status, .. } => (*op, format!("`{status}`")),
            Use::Property { .. } => continue,
        };
        match by_op.iter_mut().find(|(o, _)| *o == op) {
            Some((_, roles)) if !roles.contains(&role) => roles.push(role),
            Some(_) => {}
            None => by_op.push((op, vec![role])),
        }
    }
    by_op.sort_by_key(|(op, _)| *op);
    by_op.into_iter().map(|(op, roles)| TypeUse { method: method_names[op].clone(), role: roles.join(", ") }).collect()
}
