//! Resolve: the merged document → the [`Api`] IR, every type and name decided.
//!
//! Reads the merged document through openapiv3's model and [`crate::openapi`]'s walker, which
//! lists the operations in canonical order (paths sorted, methods in HTTP order). [`resolve`] is a
//! short sequence of passes: method names ([`crate::naming`]), then each operation (`operation.rs`:
//! parameters, body, responses; `auth.rs`: security; `servers.rs`), converting each schema
//! ([`schema`], with `allOf` flattened by [`allof`]) and interning object types so identical
//! structures are shared ([`types`]), then type names and the IR's types, cycles boxed, tag features and pagination.
//! Every problem is collected as a diagnostic located in the file that defined it; the stage
//! returns the IR only when there are none.

pub mod allof;
mod auth;
mod errors;
mod lower;
mod operation;
pub mod refs;
pub mod schema;
mod servers;
pub mod types;

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{OpenAPI, ReferenceOr};

use self::auth::name_schemes;
use self::lower::{box_cycles, lower_types};
use self::operation::OperationResolver;
use self::schema::Elsewhere;
use self::types::{TypeSpace, named_in};
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics, Sink, join_pointer};
use crate::ir::{
    Api, AuthScheme, Feature, Field, Operation, Pagination, ParamIdx, ParamIn, Presence, Streaming, Ty, TypeDef, TypeId,
};
use crate::lock::{Lock, LockedOperation, LockedType, operation_key};
use crate::merge::Merged;
use crate::naming::{
    Case, OpNaming, RESERVED_METHODS, Uniquifier, is_clean, method_and_companions, method_names, sanitize,
};
use crate::openapi::{PathOp, RefSiblings};

/// Builds the IR for a merged document, keeping the names `lock` records ([`crate::lock`]), and
/// the lock of the names given. The passes, in order: list the operations, check the method
/// overrides, name the methods, convert the component roots, resolve each operation, check the
/// type overrides and the document's server; then, with no problem found, name and lower the
/// types, box cycles, gate by tag, find pagination, share identical error enums, and lock the
/// names.
pub fn resolve(merged: &Merged, config: &Config, lock: &Lock) -> Result<(Api, Lock), Diagnostics> {
    resolve_parts(merged, JsonParts::read(&merged.doc), config, lock)
}

/// What resolving reads of the merged document as JSON; the rest it reads through openapiv3's
/// model. Read before the model, so that the JSON can be freed as the model is read
/// ([`crate::merge::MergedJson::into_model`]).
pub struct JsonParts {
    /// The schemas `$ref`s reach outside the components ([`schema::schemas_elsewhere`]).
    elsewhere: Elsewhere,
    /// The `$ref`s that are not strings, each a pointer and a message.
    malformed: Vec<(String, String)>,
    /// The path items with a `$ref` and keys of their own ([`crate::openapi::ref_siblings`]).
    ref_siblings: RefSiblings,
}

impl JsonParts {
    pub fn read(doc: &serde_json::Value) -> JsonParts {
        let (elsewhere, malformed) = schema::schemas_elsewhere(doc);
        JsonParts { elsewhere, malformed, ref_siblings: crate::openapi::ref_siblings(doc) }
    }
}

/// [`resolve`], with what it reads of the JSON document given: `merged.doc` is not read.
pub fn resolve_parts(
    merged: &Merged,
    json: JsonParts,
    config: &Config,
    lock: &Lock,
) -> Result<(Api, Lock), Diagnostics> {
    let spec: &OpenAPI = &merged.spec;
    let mut sink = Sink::default();
    let ops = collect_operations(merged, &json.ref_siblings, &mut sink);
    check_method_overrides(config, &ops, &mut sink);
    let mut names = name_methods(&ops, config, lock);
    let JsonParts { elsewhere, malformed, .. } = json;
    for (pointer, message) in malformed {
        sink.push(Diagnostic::new(merged.origins.locate(&pointer), message));
    }
    let roots = component_roots(spec, !ops.is_empty());
    let mut resolver = OperationResolver::new(merged, &elsewhere, lock, config.strict);
    resolver.intern_roots(&roots, &mut sink);
    let (mut operations, mut schemes) = resolve_operations(&mut resolver, &ops, &mut names, &mut sink);
    check_type_overrides(config, &resolver.space, &mut sink);
    check_byte_streams(config, &ops, &operations, &mut sink);
    let (default_base_url, server) = servers::document_server(merged, &mut sink);
    if config.strict {
        let mut undeclared = std::mem::take(&mut resolver.space.undeclared_required);
        undeclared.sort();
        undeclared.dedup();
        undeclared.into_iter().for_each(|d| sink.push(d));
    }
    sink.check()?;

    let type_names = resolver
        .space
        .assign_names(&names.pascal, &config.types, &lock.type_names_by_origin())
        .map_err(Diagnostics::new)?;
    let mut types = lower_types(&resolver.space, &type_names, &operations, &names.methods);
    box_cycles(&mut types);
    let features = if config.features.tags {
        let tags: Vec<&[String]> = ops.iter().map(|r| r.op.tags.as_slice()).collect();
        tag_features(&tags, &mut operations, &mut types)
    } else {
        Vec::new()
    };
    for op in &mut operations {
        op.pagination = pagination(op, &types);
    }
    byte_streams(config, &mut operations);
    let error_enums = errors::share_error_enums(&mut operations);
    let new_lock = lock_names(&ops, &operations, &types, &resolver.space.defs);
    name_schemes(&mut schemes);
    let mut warnings = resolver.take_warnings();
    warnings.sort();
    warnings.dedup();
    let info = &spec.info;
    let api = Api {
        title: info.title.clone(),
        version: info.version.clone(),
        description: info.description.clone(),
        license: info.license.as_ref().and_then(|l| crate::checks::spdx_license(&l.name)),
        contact: info.contact.as_ref().map(contact).unwrap_or_default(),
        default_base_url,
        server,
        auth: schemes,
        features,
        types,
        operations,
        error_enums,
        warnings,
    };
    Ok((api, new_lock))
}

/// The config's `[byte_stream]` keys: each names an operation with a successful response, whose
/// body `byte_stream` reads.
fn check_byte_streams(config: &Config, ops: &[PathOp<'_>], operations: &[Operation], sink: &mut Sink) {
    for id in config.byte_stream.keys() {
        let at = config.at(&join_pointer("/byte_stream", id));
        let resolved = operations.iter().find(|op| op.operation_id.as_deref() == Some(id.as_str()));
        if !ops.iter().any(|r| r.op.operation_id.as_deref() == Some(id.as_str())) {
            sink.push(Diagnostic::new(at, format!("byte stream for unknown operationId {id:?}")));
        } else if resolved.is_some_and(|op| op.success.is_empty()) {
            sink.push(Diagnostic::new(at, format!("operation {id:?} documents no successful response to stream")));
        }
    }
}

/// The operations the config's `[byte_stream]` names get `byte_stream` (unless they read events).
fn byte_streams(config: &Config, operations: &mut [Operation]) {
    for op in operations {
        let chosen = op.operation_id.as_ref().and_then(|id| config.byte_stream.get(id)) == Some(&true);
        if chosen && op.streaming.is_none() {
            op.streaming = Some(Streaming::Bytes);
        }
    }
}

/// The operations, in canonical order ([`crate::openapi::operations`]).
fn collect_operations<'a>(merged: &'a Merged, siblings: &RefSiblings, sink: &mut Sink) -> Vec<PathOp<'a>> {
    let (ops, problems) = crate::openapi::operations(&merged.spec, siblings, &merged.origins);
    problems.into_iter().for_each(|d| sink.push(d));
    ops
}

/// The config's package settings, and its method overrides checked against the spec and each
/// other: each names an operationId of the spec and a snake_case name the client does not take,
/// and no two overrides (nor their companions) collide.
fn check_method_overrides(config: &Config, ops: &[PathOp<'_>], sink: &mut Sink) {
    let config_at = |key: &str| config.at(&join_pointer("/methods", key));
    config.check_package().into_iter().for_each(|d| sink.push(d));
    let mut claimed: BTreeMap<String, &str> = BTreeMap::new();
    for (id, name) in &config.methods {
        if !ops.iter().any(|r| r.op.operation_id.as_deref() == Some(id.as_str())) {
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
}

/// The names of each operation, in operation order.
struct MethodNames {
    /// Method names (snake case).
    methods: Vec<String>,
    /// The method names in UpperCamelCase, which type names derive from.
    pascal: Vec<String>,
    /// Error enum names.
    errors: Vec<String>,
    /// The names of the operations' items, the error enums' first: the names of the success
    /// enums, header structs and request builders are taken from it too.
    items: Uniquifier,
}

/// Method names ([`method_names`]: overrides, then locked names, then derived ones), and error
/// enum names: the locked name while the method keeps its locked one (an override renames both),
/// claimed before any is derived; else the method's name with `Error`. The other items' names are
/// taken later, as the operations are resolved ([`operation::item_names`]).
fn name_methods(ops: &[PathOp<'_>], config: &Config, lock: &Lock) -> MethodNames {
    let locked_op = |r: &PathOp<'_>| lock.methods.get(&operation_key(r.method, r.path));
    let namings: Vec<OpNaming<'_>> = ops
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
    let methods = method_names(&namings);
    let pascal: Vec<String> = methods.iter().map(|n| sanitize(n, Case::Pascal)).collect();
    let mut error_names = Uniquifier::default();
    let locked_errors: Vec<Option<String>> = ops
        .iter()
        .zip(&namings)
        .zip(&methods)
        .map(|((r, naming), name)| {
            let locked = locked_op(r).filter(|l| naming.forced.is_none() && &l.method == name)?;
            (is_clean(&locked.error, Case::Pascal) && error_names.try_take(&locked.error)).then(|| locked.error.clone())
        })
        .collect();
    let errors = locked_errors
        .into_iter()
        .zip(&pascal)
        .map(|(locked, pascal)| locked.unwrap_or_else(|| error_names.take(&format!("{pascal}Error"), Case::Pascal)))
        .collect();
    MethodNames { methods, pascal, errors, items: error_names }
}

/// A document without operations (its components only, or 3.1 webhooks) gives a crate of its
/// component schemas, each through a `$ref` so that it is named by its key as when an operation
/// refers to it. With operations, only the schemas they reach become types: no roots.
fn component_roots(spec: &OpenAPI, has_operations: bool) -> Vec<(String, ReferenceOr<openapiv3::Schema>)> {
    if has_operations {
        return Vec::new();
    }
    let keys = spec.components.iter().flat_map(|c| c.schemas.keys());
    keys.map(|key| {
        let pointer = join_pointer("/components/schemas", key);
        let reference = ReferenceOr::Reference { reference: refs::reference_to(&pointer) };
        (pointer, reference)
    })
    .collect()
}

/// Each operation resolved ([`OperationResolver::operation`]), and the security schemes they use.
fn resolve_operations<'a>(
    resolver: &mut OperationResolver<'a>,
    ops: &[PathOp<'a>],
    names: &mut MethodNames,
    sink: &mut Sink,
) -> (Vec<Operation>, Vec<AuthScheme>) {
    let mut operations = Vec::new();
    let mut schemes = Vec::new();
    for (index, r) in ops.iter().enumerate() {
        let op_names = (names.methods[index].clone(), names.errors[index].clone());
        match resolver.operation(index, r, op_names, &mut names.items, &mut schemes) {
            Ok(op) => operations.push(op),
            Err(errors) => errors.into_iter().for_each(|d| sink.push(d)),
        }
    }
    (operations, schemes)
}

/// The config's type overrides checked against the schemas seen and each other: each names the
/// location of an object schema and an UpperCamelCase name, no name is given to two types and no
/// type two names.
fn check_type_overrides(config: &Config, space: &TypeSpace, sink: &mut Sink) {
    let mut by_name: BTreeMap<&str, (TypeId, &str)> = BTreeMap::new();
    let mut by_type: BTreeMap<TypeId, (&str, &str)> = BTreeMap::new();
    for (pointer, name) in &config.types {
        let at = config.at(&join_pointer("/types", pointer));
        let other_at = |other: &str| config.at(&join_pointer("/types", other));
        let Some(id) = space.defs.iter().position(|d| d.origins.iter().any(|o| &o.pointer == pointer)).map(TypeId::new)
        else {
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
}

/// The lock of the names given: each operation's method and error names by method and path, each
/// type's name with its identity title and origins.
fn lock_names(ops: &[PathOp<'_>], operations: &[Operation], types: &[TypeDef], defs: &[types::Def]) -> Lock {
    Lock::new(
        ops.iter()
            .zip(operations)
            .map(|(r, op)| {
                let names = LockedOperation { method: op.names.method.raw().to_owned(), error: op.names.error.clone() };
                (operation_key(r.method, r.path), names)
            })
            .collect(),
        types
            .iter()
            .zip(defs)
            .map(|(t, def)| {
                let origins: BTreeSet<String> = t.origins.iter().map(|o| o.pointer.clone()).collect();
                let locked = LockedType { title: def.identity_title.clone(), origins: origins.into_iter().collect() };
                (t.name.clone(), locked)
            })
            .collect(),
    )
}

/// One cargo feature per tag (kebab case, made unique; `default` and `full` are the crate's own).
/// Each operation gets the features of its tags; each type the features of every operation that
/// reaches it (through fields, list items, map values and union members), or none, so it is
/// always compiled, when an operation without tags reaches it or none does.
fn tag_features(tags: &[&[String]], operations: &mut [Operation], types: &mut [TypeDef]) -> Vec<Feature> {
    use heck::ToKebabCase;
    let mut features: Vec<Feature> = Vec::new();
    // `tracing` and `middleware` are the crate's own features (spans per request, a
    // reqwest-middleware chain).
    let mut unique = Uniquifier::with_reserved(&["default", "full", "tracing", "middleware"]);
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
            reached[id.index()] = true;
            match (&mut gate[id.index()], op.features.is_empty()) {
                (slot @ Some(_), true) => *slot = None,
                (Some(set), false) => set.extend(op.features.iter().cloned()),
                (None, _) => {}
            }
            stack.extend(types[id].member_tys().flat_map(named_in));
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

/// Recognises cursor pagination (README "Pagination"): a string query parameter `P` named like a
/// cursor ([`cursor_like`]), and a success body with exactly one array property (the items) and a
/// string property named `P` or `next_P`, at its top level or in one of its object properties
/// (`metadata.page_key`).
fn pagination(op: &Operation, types: &[TypeDef]) -> Option<Pagination> {
    // A multipart form is consumed by one request: it cannot be sent again for the next page.
    if op.body.as_ref().is_some_and(|b| b.ty == Ty::Multipart) {
        return None;
    }
    let Some(Ty::Named(body)) = op.success.first().and_then(|s| s.ty.clone()) else { return None };
    let body = types[body].fields()?;
    let arrays: Vec<&Field> = body.iter().filter(|f| matches!(f.ty, Ty::Vec(_))).collect();
    let [items] = arrays.as_slice() else { return None };
    let Ty::Vec(item_ty) = &items.ty else { return None };
    // A step of a path to a field: its name, and whether it is always there.
    let step = |f: &Field| (f.name.clone(), f.presence.is_required());
    for (index, p) in op.params.iter().enumerate() {
        if p.location != ParamIn::Query || p.ty != Ty::String || p.required {
            continue;
        }
        let wanted = sanitize(&p.wire, Case::Snake);
        if !cursor_like(&wanted) {
            continue;
        }
        let is_cursor = |f: &Field| f.ty == Ty::String && (f.name == *wanted || f.name == *format!("next_{wanted}"));
        let cursor = body.iter().find(|f| is_cursor(f)).map(|f| (vec![step(f)], f)).or_else(|| {
            body.iter().find_map(|outer| match &outer.ty {
                Ty::Named(id) => {
                    types[*id].fields()?.iter().find(|f| is_cursor(f)).map(|f| (vec![step(outer), step(f)], f))
                }
                _ => None,
            })
        });
        if let Some((cursor, field)) = cursor {
            return Some(Pagination {
                cursor_param: ParamIdx::new(index),
                cursor,
                cursor_nullable: field.presence == Presence::OptionalNullable,
                items: vec![step(items)],
                items_nullable: items.presence == Presence::OptionalNullable,
                item_ty: (**item_ty).clone(),
            });
        }
    }
    None
}

/// Whether a parameter's name (snake case) reads as a page cursor: one of its words is
/// `cursor`, `token`, `marker`, `continuation`, `scroll`, `after`, `before`, `next`, `page`,
/// `offset`, `start` or `from` (`page_token`, `starting_after`, `page_key`, `next`), and none is
/// `api` (an API key in the query is not a cursor). A parameter named for anything else
/// (`order_by`, `fields`) is not followed, even when the response has a field of its name.
fn cursor_like(name: &str) -> bool {
    const CURSOR_WORDS: [&str; 12] = [
        "cursor",
        "token",
        "marker",
        "continuation",
        "scroll",
        "after",
        "before",
        "next",
        "page",
        "offset",
        "start",
        "from",
    ];
    let words: Vec<&str> = name.trim_start_matches("r#").split('_').collect();
    !words.contains(&"api") && words.iter().any(|w| CURSOR_WORDS.contains(w))
}

/// The parts of `info.contact` a manifest can use: `Name <email>` (either alone), one line each;
/// the URL when it is http or https.
fn contact(contact: &openapiv3::Contact) -> crate::ir::Contact {
    let line = |text: &Option<String>| {
        text.as_deref().map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|t| !t.is_empty())
    };
    let email = line(&contact.email).filter(|e| e.contains('@') && !e.contains(['<', '>', ' ']));
    let author = match (line(&contact.name), email) {
        (Some(name), Some(email)) => Some(format!("{} <{email}>", name.replace(['<', '>'], ""))),
        (Some(name), None) => Some(name.replace(['<', '>'], "")),
        (None, Some(email)) => Some(format!("<{email}>")),
        (None, None) => None,
    };
    let url = contact
        .url
        .as_deref()
        .and_then(|u| url::Url::parse(u.trim()).ok())
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
        .map(String::from);
    crate::ir::Contact { author, url }
}

#[cfg(test)]
mod cursor_tests {
    #[test]
    fn cursors_are_named_like_cursors() {
        for name in ["page_token", "cursor", "starting_after", "page_key", "marker", "next", "continuation_token"] {
            assert!(super::cursor_like(name), "{name}");
        }
        for name in ["order_by", "sort", "fields", "api_key", "api_token", "q", "r#type"] {
            assert!(!super::cursor_like(name), "{name}");
        }
    }
}

#[cfg(test)]
mod contact_tests {
    use super::contact;

    fn of(name: Option<&str>, email: Option<&str>, url: Option<&str>) -> crate::ir::Contact {
        contact(&openapiv3::Contact {
            name: name.map(Into::into),
            email: email.map(Into::into),
            url: url.map(Into::into),
            extensions: Default::default(),
        })
    }

    #[test]
    fn only_what_a_manifest_can_take_is_kept() {
        let full = of(Some("API\n  Team"), Some("api@example.com"), Some(" https://example.com/help "));
        assert_eq!(full.author.as_deref(), Some("API Team <api@example.com>"));
        assert_eq!(full.url.as_deref(), Some("https://example.com/help"));
        assert_eq!(of(None, Some("api@example.com"), None).author.as_deref(), Some("<api@example.com>"));
        // Not an address, not a web page: left out.
        let bad = of(None, Some("write to us <x@y>"), Some("javascript:alert(1)"));
        assert_eq!((bad.author, bad.url), (None, None));
        assert_eq!(of(Some(" "), None, Some("mailto:a@b.c")), crate::ir::Contact::default());
    }
}
