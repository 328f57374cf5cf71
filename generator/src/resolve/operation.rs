//! The per-operation resolver: one [`PathOp`] → an [`Operation`] of the IR, its parameters
//! (the walker's effective parameters, [`crate::openapi::parameters`]), path, request body,
//! responses, response headers, security alternatives (`auth.rs`) and server decided. Schemas
//! are converted ([`super::schema`]) and interned ([`super::types`]) as they are met, each use
//! recorded; problems are diagnostics, and what the client leaves out on purpose a [`Warning`].

use openapiv3::{OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr, Response, StatusCode};
use std::collections::BTreeSet;

use super::refs::{self, essence, is_json};
use super::schema::{self, Converter, Elsewhere, Kind, Sch};
use super::types::{self, TypeSpace, Use, status_word};
use crate::diag::{Diagnostic, Location, Sink, Warning, join_pointer};
use crate::ir::{
    AuthScheme, Body, ErrorCase, ErrorEnumIdx, FormPart, HttpMethod, Operation, OperationNames, Param, ParamIdx,
    ParamIn, PartKind, PathPart, ResponseHeader, RustName, StatusMatch, Streaming, Style, Success, Ty, Writing,
};
use crate::lock::Lock;
use crate::merge::Merged;
use crate::naming::{Case, Uniquifier, sanitize};
use crate::openapi::{PathOp, param_in};

/// The media type of server-sent events.
const EVENT_STREAM: &str = "text/event-stream";

/// Resolves operations one by one: parameters, body, responses, auth and server, converting and
/// interning the schemas they use into one type space.
pub(super) struct OperationResolver<'a> {
    spec: &'a OpenAPI,
    merged: &'a Merged,
    conv: Converter<'a>,
    pub(super) space: TypeSpace,
    /// What the client leaves out on purpose (see [`Warning`]).
    pub(super) warnings: Vec<Warning>,
    /// Refuse what is otherwise read with a warning.
    strict: bool,
}

impl<'a> OperationResolver<'a> {
    /// A resolver for `merged`, reading the schemas found outside `components` from `elsewhere`
    /// and keeping the type titles `lock` records; with `strict`, refusing what is otherwise read
    /// with a warning.
    pub(super) fn new(merged: &'a Merged, elsewhere: &'a Elsewhere, lock: &Lock, strict: bool) -> Self {
        let spec = &merged.spec;
        OperationResolver {
            spec,
            merged,
            conv: Converter::new(spec.components.as_ref(), &merged.origins)
                .with_elsewhere(elsewhere)
                .with_strict(strict),
            space: TypeSpace::with_locked_titles(lock.titles_by_origin()),
            warnings: Vec::new(),
            strict,
        }
    }

    /// What was left out on purpose or read leniently, here and by the schema converter.
    pub(super) fn take_warnings(&mut self) -> Vec<Warning> {
        let mut all = std::mem::take(&mut self.warnings);
        all.extend(self.conv.warnings.drain(..).map(Warning));
        all.extend(self.space.undeclared_required.drain(..).map(Warning));
        all
    }

    /// Converts and interns schemas that are types whether or not an operation uses them.
    pub(super) fn intern_roots(&mut self, roots: &'a [(String, ReferenceOr<openapiv3::Schema>)], sink: &mut Sink) {
        for (pointer, reference) in roots {
            match self.convert(reference, pointer) {
                Ok(sch) => {
                    self.space.intern(&sch);
                }
                Err(d) => sink.push(d),
            }
        }
    }

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

    pub(super) fn operation(
        &mut self,
        index: usize,
        r: &PathOp<'a>,
        (method, error): (String, String),
        items: &mut Uniquifier,
        schemes: &mut Vec<AuthScheme>,
    ) -> Result<Operation, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let params = self.params(index, r, &mut errors);
        let path_parts = self.path_parts(r, &params, &mut errors);
        self.path_warnings(r);
        let body = self.body(index, r, &mut errors);
        let mut response_headers = Vec::new();
        let (success, error_cases, events) = self.responses(index, r, &mut response_headers, &mut errors);
        // Events beside another success body get their own method; alone, they are what `send` gives.
        let streaming = match events {
            Some(data) => Some(Streaming::Events { data, only: success.iter().all(|s| s.ty.is_none()) }),
            None if success.first().is_some_and(|s| s.ty == Some(Ty::Bytes)) => Some(Streaming::Bytes),
            None => None,
        };
        let auth = super::auth::alternatives(self.spec, r, &self.merged.origins, schemes, &mut errors);
        let server = super::servers::own_server(r, &self.spec.servers, self.merged).unwrap_or_else(|d| {
            errors.push(d);
            None
        });
        if !errors.is_empty() {
            return Err(errors);
        }
        let has_success_enum = success.iter().any(|s| s.variant.is_some());
        let has_form = body.as_ref().is_some_and(|b| !b.parts.is_empty());
        let names = item_names(method, error, has_success_enum, !response_headers.is_empty(), has_form, items);
        Ok(Operation {
            operation_id: r.op.operation_id.clone(),
            names,
            // Set when the error enums are shared (`errors.rs`).
            error_enum: ErrorEnumIdx::new(0),
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
            streaming,
            auth,
            server,
            features: Vec::new(),
            origin: self.loc(&r.pointer),
        })
    }

    /// Path-item parameters overridden by operation parameters of the same name and location.
    fn params(&mut self, index: usize, r: &PathOp<'a>, errors: &mut Vec<Diagnostic>) -> Vec<Param> {
        let found = crate::openapi::parameters(self.spec, r, &self.merged.origins, errors);
        let mut unique = Uniquifier::with_reserved(&crate::naming::ARGUMENT_RESERVED);
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
            let writing = writing(&self.space, &ty, location, style);
            out.push(Param {
                wire: data.name.clone(),
                name: RustName::new(unique.take(&sanitize(&data.name, Case::Snake), Case::Snake)),
                location,
                ty,
                required: data.required || location == ParamIn::Path,
                deprecated: data.deprecated == Some(true),
                style,
                explode,
                writing,
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

    fn path_parts(&mut self, r: &PathOp<'a>, params: &[Param], errors: &mut Vec<Diagnostic>) -> Vec<PathPart> {
        let mut parts = Vec::new();
        // A fragment labels the operation and is never sent (see `path_warnings`).
        let sent = r.path.split_once('#').map_or(r.path, |(path, _)| path);
        let sent = self.query_for_operation(r, sent, params);
        let mut rest = sent.as_str();
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
                    parts.push(PathPart::Param { index: ParamIdx::new(index), whole_segment });
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

    /// The path `sent` as this operation sends it. A query string in a path key belongs to the
    /// path item, so to all its operations; a pair `key={name}` whose `{name}` this operation
    /// does not declare (the `GET`'s page, beside a `POST` that has none) is not sent, with a
    /// warning, rather than refused as an undeclared parameter.
    fn query_for_operation(&mut self, r: &PathOp<'a>, sent: &str, params: &[Param]) -> String {
        let Some((path, query)) = sent.split_once('?') else { return sent.to_owned() };
        let declared = |name: &str| params.iter().any(|p| p.location == ParamIn::Path && p.wire == name);
        let mut kept = Vec::new();
        for pair in query.split('&') {
            let template = pair.split_once('=').and_then(|(_, v)| v.strip_prefix('{')?.strip_suffix('}'));
            match template.filter(|name| !name.contains(['{', '}']) && !declared(name)) {
                Some(name) => {
                    let message = format!(
                        "`{pair}` in the query string of the path {:?}: this operation declares no parameter {{{name}}}, so it is not sent",
                        r.path
                    );
                    self.warnings.push(Warning(Diagnostic::new(self.loc(&r.pointer), message)));
                }
                None => kept.push(pair),
            }
        }
        if kept.is_empty() { path.to_owned() } else { format!("{path}?{}", kept.join("&")) }
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
        let mut parts = Vec::new();
        if ty == Ty::Multipart {
            let media_ptr = join_pointer(&content_ptr, &media);
            parts = self.form_parts(index, &body.content[&media], &media_ptr, errors);
            if parts.is_empty() {
                doc = Some(self.multipart_doc(doc, &body.content[&media], &media_ptr));
            }
        }
        Some(Body { ty, media, required: body.required, doc, parts })
    }

    fn responses(
        &mut self,
        index: usize,
        r: &PathOp<'a>,
        headers: &mut Vec<ResponseHeader>,
        errors: &mut Vec<Diagnostic>,
    ) -> (Vec<Success>, Vec<ErrorCase>, Option<Ty>) {
        let base = join_pointer(&r.pointer, "responses");
        let mut events = None;
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
        let mut header_names = Uniquifier::default();
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
            if !error && events.is_none() {
                events = self.events(resp, &resp_ptr, errors);
                if let Some(data) = &events {
                    self.space.add_use(data, Use::Response { op: index, status: key.clone(), error });
                }
            }
            let ty = if matches!(status, StatusMatch::Code(204 | 205 | 304)) {
                self.no_content(&key, resp, &resp_ptr, errors);
                None
            } else {
                let Some(ty) = self.response_body(resp, &resp_ptr, errors) else {
                    continue;
                };
                ty
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
                        name: RustName::new(header_names.take(&sanitize(wire, Case::Snake), Case::Snake)),
                        ty,
                        doc: header.description.clone(),
                    });
                }
            }
            // With no documented success, `default` describes the successful answer too.
            if !error || (status == StatusMatch::Default && !has_success) {
                let status = if error { StatusMatch::Range(2) } else { status.clone() };
                success.push(Success { status, variant: None, ty: ty.clone(), doc: doc.clone() });
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
                s.variant = Some(names.take(&status_word(&key), Case::Pascal));
            }
        }
        (success, error_cases, events)
    }

    /// The type of the data of a success response's server-sent events (`text/event-stream`):
    /// its schema's type, or `Ty::Text` (the data itself) when it gives none or a string.
    fn events(&mut self, resp: &'a Response, resp_ptr: &str, errors: &mut Vec<Diagnostic>) -> Option<Ty> {
        let (media, mt) = resp.content.iter().find(|(m, _)| essence(m) == EVENT_STREAM)?;
        let Some(schema) = &mt.schema else { return Some(Ty::Text) };
        let ptr = join_pointer(&join_pointer(&join_pointer(resp_ptr, "content"), media), "schema");
        match self.convert(schema, &ptr) {
            Ok(sch) if matches!(self.conv.expand(sch.clone()).kind, Kind::String) => Some(Ty::Text),
            Ok(sch) => Some(self.space.intern(&sch)),
            Err(d) => {
                errors.push(d);
                None
            }
        }
    }

    /// A 204, 205 or 304 response has no body (RFC 9110), and a client that reads one from it
    /// fails on every real answer: `content` declared on it (Asana's 204s declare `{data: {}}`)
    /// is left out, with a warning, or an error when strict.
    fn no_content(&mut self, status: &str, resp: &Response, resp_ptr: &str, errors: &mut Vec<Diagnostic>) {
        if resp.content.is_empty() {
            return;
        }
        let d = Diagnostic::new(
            self.loc(&join_pointer(resp_ptr, "content")),
            format!(
                "a {status} response has no body (HTTP sends none), but its `content` declares one: read as no body"
            ),
        );
        if self.strict {
            errors.push(
                d.note("help: without `--strict` (or `strict = true` in apigen.toml), apigen reads this as said"),
            );
        } else {
            self.warnings.push(Warning(d));
        }
    }

    /// `Some(None)`: no body; `Some(Some(ty))`: a body; `None`: an error was reported.
    fn response_body(&mut self, resp: &'a Response, ptr: &str, errors: &mut Vec<Diagnostic>) -> Option<Option<Ty>> {
        // Server-sent events are read apart (`events`): a response of events alone has no body.
        if resp.content.keys().all(|m| essence(m) == EVENT_STREAM) {
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

    /// The parts of a `multipart/form-data` body whose schema is an object with properties, in
    /// order: files for `format: binary`, text for scalars and string enums, JSON for the rest;
    /// a list of files or of text, a part per item. Each part's content type is its `encoding`'s.
    /// None: the schema lists no parts (the caller builds the form).
    fn form_parts(
        &mut self,
        index: usize,
        media: &'a openapiv3::MediaType,
        ptr: &str,
        errors: &mut Vec<Diagnostic>,
    ) -> Vec<FormPart> {
        let Some(schema) = &media.schema else { return Vec::new() };
        let sch = match self.convert(schema, &join_pointer(ptr, "schema")) {
            Ok(sch) => self.conv.expand(sch),
            Err(d) => {
                errors.push(d);
                return Vec::new();
            }
        };
        let Kind::Object(obj) = sch.kind else { return Vec::new() };
        let mut names = Uniquifier::with_reserved(&["new", "self"]);
        let mut parts = Vec::new();
        let scalar = |s: &Sch| matches!(s.kind, Kind::String | Kind::Integer(_) | Kind::Number(_) | Kind::Bool);
        for (wire, prop) in &obj.props {
            let prop = self.conv.expand(prop.clone());
            let kind = match &prop.kind {
                Kind::String if prop.binary => PartKind::File,
                Kind::Array(item) => {
                    let item = self.conv.expand((**item).clone());
                    match &item.kind {
                        Kind::String if item.binary => PartKind::Files,
                        _ if scalar(&item) => PartKind::Texts(self.space.intern(&item)),
                        _ => PartKind::Json(self.space.intern(&prop)),
                    }
                }
                _ if scalar(&prop) => PartKind::Text(self.space.intern(&prop)),
                _ => PartKind::Json(self.space.intern(&prop)),
            };
            if let PartKind::Text(ty) | PartKind::Texts(ty) | PartKind::Json(ty) = &kind {
                self.space.add_use(ty, Use::Body { op: index });
            }
            let name = names.take(&sanitize(wire, Case::Snake), Case::Snake);
            parts.push(FormPart {
                wire: wire.clone(),
                name: RustName::new(name),
                kind,
                required: obj.required.contains(wire),
                content_type: media.encoding.get(wire).and_then(|e| e.content_type.clone()),
                doc: prop.description.clone(),
            });
        }
        parts
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
            .or_else(|| content.iter().find(|(m, _)| essence(m).starts_with("text/") && essence(m) != EVENT_STREAM))
            .or_else(|| {
                content.iter().find(|(m, _)| !essence(m).starts_with("multipart/") && essence(m) != EVENT_STREAM)
            });
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
}

/// An operation's names: its `method` and `error` enum, and the names of the items generated for
/// it, derived from the error enum's (`GetItemError`: `GetItemSuccess` when it has a success enum,
/// `GetItemHeaders` when it documents response headers, and the request builder `GetItemRequest`),
/// each taken from `items`, which holds every error enum's name and every item's taken before.
pub(super) fn item_names(
    method: String,
    error: String,
    has_success_enum: bool,
    has_headers: bool,
    has_form: bool,
    items: &mut Uniquifier,
) -> OperationNames {
    let stem = error.trim_end_matches("Error");
    let success = has_success_enum.then(|| items.take(&format!("{stem}Success"), Case::Pascal));
    let headers = has_headers.then(|| items.take(&format!("{stem}Headers"), Case::Pascal));
    let request = items.take(&format!("{}Request", error.strip_suffix("Error").unwrap_or(&error)), Case::Pascal);
    let form = has_form.then(|| items.take(&format!("{stem}Form"), Case::Pascal));
    OperationNames { method: RustName::new(method), error, success, headers, request, form, marker: None }
}

/// How a parameter of type `ty` in `location` and `style` is written: scalars and string enums
/// as text, lists of them repeated or joined, anything else as pairs (query, cookie) or expanded
/// (path, header, and the label and matrix styles).
fn writing(space: &TypeSpace, ty: &Ty, location: ParamIn, style: Style) -> Writing {
    let text = |ty: &Ty| match ty {
        Ty::String | Ty::Bool | Ty::I32 | Ty::I64 | Ty::F32 | Ty::F64 => true,
        // A string enum (see `lower`: a definition with values lowers to an enum).
        Ty::Named(id) => !space.defs[*id].variants.is_empty(),
        _ => false,
    };
    let list = matches!(ty, Ty::Vec(inner) if text(inner));
    match location {
        _ if style == Style::Json => Writing::Json,
        _ if text(ty) && !matches!(style, Style::Label | Style::Matrix) => Writing::Text,
        ParamIn::Query if list && style != Style::DeepObject => Writing::List,
        ParamIn::Header if list => Writing::List,
        ParamIn::Query | ParamIn::Cookie => Writing::Pairs,
        ParamIn::Path | ParamIn::Header => Writing::Expand,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_names_derive_from_the_error_enum_and_never_collide() {
        let mut items = Uniquifier::with_reserved(&["GetItemError", "GetItemErrorError"]);
        let first = item_names("get_item".into(), "GetItemError".into(), true, true, false, &mut items);
        assert_eq!(
            (first.success.as_deref(), first.headers.as_deref(), first.request.as_str()),
            (Some("GetItemSuccess"), Some("GetItemHeaders"), "GetItemRequest")
        );
        // A locked error name that trims to the same stem gets items of its own.
        let second = item_names("get_item_2".into(), "GetItemErrorError".into(), true, false, false, &mut items);
        assert_eq!(
            (second.success.as_deref(), second.headers.as_deref(), second.request.as_str()),
            (Some("GetItemSuccess2"), None, "GetItemErrorRequest")
        );
    }
}
