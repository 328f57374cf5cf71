//! Drift: what changed between two merged specs, and whether it breaks users of the client.
//!
//! [`diff`] compares a base spec (usually the committed `generated/openapi.json`) with the spec
//! the current `specs/` produce, operation by operation, and returns [`Change`]s, each with a rule
//! id, a class and the JSON pointer on each side. Operations and their parameters are read by the
//! walker the generator uses ([`crate::openapi`]): path items that are a `$ref` are followed, and
//! parameters are matched by location and name. Schemas are compared after `$ref`s are followed
//! and `allOf` is flattened, so a reshuffled `allOf` is no change and a property moved between
//! members is none either. Pure: two JSON values in, a list out.
//!
//! A change is **breaking** when a client generated from the base spec fails or silently loses data
//! against a server that implements the new spec, or when code written against the base client
//! no longer compiles against the regenerated one (something it uses is gone or changed type).
//! The rule ids follow oasdiff's where one exists; README "Drift rules" lists every rule, its
//! class, and where and why we differ; `tests/compat.rs` compiles a caller against each.
//!
//! The renderers write these changes and then, when there are some, the changes to the client's
//! Rust API ([`crate::surface`]); [`counts`] and so the exit code cover both.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use openapiv3::{OpenAPI, ParameterSchemaOrContent, ReferenceOr, StatusCode};
use serde::Serialize;
use serde_json::Value;

use crate::diag::{Diagnostic, Diagnostics, Location, join_pointer};
use crate::merge::Origins;
use crate::openapi::{self, PathOp};
use crate::resolve::refs;
use crate::resolve::schema::{Converter, Kind, Sch};
use crate::spectext::terminal_line;
use crate::surface::RustChange;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    Breaking,
    NonBreaking,
}

impl Class {
    pub fn word(self) -> &'static str {
        match self {
            Class::Breaking => "breaking",
            Class::NonBreaking => "non-breaking",
        }
    }
}

/// One difference between the two specs.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    /// `GET /path`, or `*` for changes to the whole API (servers).
    pub operation: String,
    pub class: Class,
    /// The rule, e.g. `response-property-removed`.
    pub id: &'static str,
    pub message: String,
    /// JSON pointer in the base spec (absent for additions).
    pub base: Option<String>,
    /// JSON pointer in the current spec (absent for removals).
    pub current: Option<String>,
}

/// Which way data flows through a schema: the rules for requests and responses are mirror images.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dir {
    Request,
    Response,
}

/// All the changes from `base` to `current`, sorted by operation, class and rule.
pub fn diff(base: &Value, current: &Value) -> Result<Vec<Change>, Diagnostics> {
    crate::exec::with_stack(|| diff_here(base, current))
}

fn diff_here(base: &Value, current: &Value) -> Result<Vec<Change>, Diagnostics> {
    let read = |v: &Value, name: &str| {
        serde_json::from_value::<OpenAPI>(v.clone()).map_err(|e| {
            Diagnostics::from(Diagnostic::new(
                Location::new(name, ""),
                format!("not a valid OpenAPI 3.0 document: {e}"),
            ))
        })
    };
    let (b, c) = (read(base, "base")?, read(current, "current")?);
    let (bo, co) = (Origins::whole("base"), Origins::whole("current"));
    let mut walker = DriftWalker {
        base: Side { spec: &b, origins: &bo, conv: Converter::new(b.components.as_ref(), &bo) },
        current: Side { spec: &c, origins: &co, conv: Converter::new(c.components.as_ref(), &co) },
        out: Vec::new(),
        visiting: BTreeSet::new(),
    };
    walker.servers();
    let (base_ops, current_ops) = (by_key(&b, base, &bo), by_key(&c, current, &co));
    let keys: BTreeSet<&(String, String)> = base_ops.keys().chain(current_ops.keys()).collect();
    for key in keys {
        let name = format!("{} {}", key.1.to_uppercase(), key.0);
        match (base_ops.get(key), current_ops.get(key)) {
            (Some(b), None) => walker.push(
                &name,
                Class::Breaking,
                "endpoint-removed",
                "operation removed".into(),
                Some(&b.pointer),
                None,
            ),
            (None, Some(c)) => walker.push(
                &name,
                Class::NonBreaking,
                "endpoint-added",
                "operation added".into(),
                None,
                Some(&c.pointer),
            ),
            (Some(b), Some(c)) => walker.operation(&name, b, c),
            (None, None) => {}
        }
    }
    let mut out = walker.out;
    out.sort_by(|a, b| {
        (&a.operation, a.class, a.id, &a.base, &a.current).cmp(&(&b.operation, b.class, b.id, &b.base, &b.current))
    });
    out.dedup();
    Ok(out)
}

/// The operations of a document by path and method. Problems are the generator's to report, not
/// drift's: an operation it cannot read is left out.
fn by_key<'a>(spec: &'a OpenAPI, doc: &Value, origins: &Origins) -> BTreeMap<(String, String), PathOp<'a>> {
    let (ops, _) = openapi::operations(spec, &openapi::ref_siblings(doc), origins);
    ops.into_iter().map(|op| ((op.path.to_owned(), op.method.to_owned()), op)).collect()
}

struct Side<'a> {
    spec: &'a OpenAPI,
    origins: &'a Origins,
    conv: Converter<'a>,
}

/// Walks the operations of both documents side by side and collects the changes.
struct DriftWalker<'a> {
    base: Side<'a>,
    current: Side<'a>,
    out: Vec<Change>,
    /// Pairs of components being compared, so recursive schemas end.
    visiting: BTreeSet<(String, String)>,
}

/// A parameter as compared: its name, where it goes, whether required, its schema.
struct ParamView {
    name: String,
    location: &'static str,
    required: bool,
    pointer: String,
    schema: Option<Sch>,
}

impl<'a> DriftWalker<'a> {
    fn push(
        &mut self,
        op: &str,
        class: Class,
        id: &'static str,
        message: String,
        base: Option<&str>,
        current: Option<&str>,
    ) {
        self.out.push(Change {
            operation: op.to_owned(),
            class,
            id,
            message,
            base: base.map(str::to_owned),
            current: current.map(str::to_owned),
        });
    }

    fn servers(&mut self) {
        let urls = |spec: &OpenAPI| spec.servers.iter().map(|s| s.url.clone()).collect::<Vec<_>>();
        let (b, c) = (urls(self.base.spec), urls(self.current.spec));
        for (i, url) in b.iter().enumerate() {
            if !c.contains(url) {
                let ptr = format!("/servers/{i}/url");
                let why = if i == 0 { " (the default base URL of clients generated from the base spec)" } else { "" };
                self.push(
                    "*",
                    Class::Breaking,
                    "server-removed",
                    format!("server `{url}` removed{why}"),
                    Some(&ptr),
                    None,
                );
            }
        }
        for (i, url) in c.iter().enumerate() {
            if !b.contains(url) {
                let ptr = format!("/servers/{i}/url");
                self.push("*", Class::NonBreaking, "server-added", format!("server `{url}` added"), None, Some(&ptr));
            }
        }
    }

    fn operation(&mut self, name: &str, b: &PathOp<'a>, c: &PathOp<'a>) {
        let (bp, cp) = (b.pointer.as_str(), c.pointer.as_str());
        self.params(name, b, c);
        self.request_body(name, b.op, bp, c.op, cp);
        self.responses(name, b.op, bp, c.op, cp);
        self.security(name, b.op, bp, c.op, cp);
    }

    /// The parameters an operation takes (see [`openapi::parameters`]), by location and name
    /// ([`openapi::param_key`]).
    fn param_views(side: &mut Side<'a>, op: &PathOp<'a>) -> BTreeMap<(&'static str, String), ParamView> {
        let mut out = BTreeMap::new();
        for (ptr, p) in openapi::parameters(side.spec, op, side.origins, &mut Vec::new()) {
            let data = p.parameter_data_ref();
            let schema = match &data.format {
                ParameterSchemaOrContent::Schema(s) => side.conv.convert(s, &join_pointer(&ptr, "schema")).ok(),
                ParameterSchemaOrContent::Content(_) => None,
            };
            let view = ParamView {
                name: data.name.clone(),
                location: openapi::param_in(p).1,
                required: data.required,
                pointer: ptr,
                schema,
            };
            out.insert(openapi::param_key(p), view);
        }
        out
    }

    /// Parameters are matched by location and name. One that is gone from a location while a
    /// parameter of its name is new in another has moved.
    fn params(&mut self, op: &str, b_op: &PathOp<'a>, c_op: &PathOp<'a>) {
        let b = Self::param_views(&mut self.base, b_op);
        let c = Self::param_views(&mut self.current, c_op);
        let moved_to =
            |bv: &ParamView| c.iter().find(|(key, cv)| !b.contains_key(*key) && cv.name == bv.name).map(|(_, cv)| cv);
        let mut moved = BTreeSet::new();
        for (key, bv) in &b {
            let name = &bv.name;
            let Some(cv) = c.get(key) else {
                if let Some(cv) = moved_to(bv).filter(|cv| !moved.contains(&cv.pointer)) {
                    moved.insert(cv.pointer.clone());
                    let msg = format!("parameter `{name}` moved from {} to {}", bv.location, cv.location);
                    let (bptr, cptr) = (Some(bv.pointer.as_str()), Some(cv.pointer.as_str()));
                    self.push(op, Class::Breaking, "request-parameter-location-changed", msg, bptr, cptr);
                } else {
                    let msg = format!("{} parameter `{name}` removed", bv.location);
                    self.push(op, Class::Breaking, "request-parameter-removed", msg, Some(&bv.pointer), None);
                }
                continue;
            };
            self.param(op, bv, cv);
        }
        for (key, cv) in &c {
            if !b.contains_key(key) && !moved.contains(&cv.pointer) {
                let (class, id, what) = if cv.required {
                    (Class::Breaking, "new-required-request-parameter", "required")
                } else {
                    (Class::NonBreaking, "new-optional-request-parameter", "optional")
                };
                let msg = format!("{what} {} parameter `{}` added", cv.location, cv.name);
                self.push(op, class, id, msg, None, Some(&cv.pointer));
            }
        }
    }

    /// One parameter, in the same location on both sides.
    fn param(&mut self, op: &str, bv: &ParamView, cv: &ParamView) {
        let name = &cv.name;
        let (bptr, cptr) = (Some(bv.pointer.as_str()), Some(cv.pointer.as_str()));
        match (bv.required, cv.required) {
            (false, true) => {
                let msg = format!("{} parameter `{name}` became required", cv.location);
                self.push(op, Class::Breaking, "request-parameter-became-required", msg, bptr, cptr);
            }
            (true, false) => {
                // The client's method takes required arguments in the call and optional ones as
                // setters: the argument callers pass leaves the call.
                let msg = format!(
                    "{} parameter `{name}` became optional: the method no longer takes it, it is a setter",
                    cv.location
                );
                self.push(op, Class::Breaking, "request-parameter-became-optional", msg, bptr, cptr);
            }
            _ => {}
        }
        if let (Some(bs), Some(cs)) = (&bv.schema, &cv.schema) {
            if let Some((was, now)) = type_change(bs, cs) {
                let msg = format!("{} parameter `{name}` changed type from {was} to {now}", cv.location);
                self.push(op, Class::Breaking, "request-parameter-type-changed", msg, bptr, cptr);
            } else {
                let what = format!("{} parameter `{name}`", cv.location);
                self.enums(op, Dir::Request, &what, bs, cs, "request-parameter");
            }
        }
    }

    /// The schema of a body: (schema pointer, schema), if it has JSON content, or for a request
    /// (`forms`) a form or a multipart form, whose properties are fields and parts alike.
    fn json_schema(
        side: &mut Side<'a>,
        content: &'a indexmap::IndexMap<String, openapiv3::MediaType>,
        ptr: &str,
        forms: bool,
    ) -> Option<(String, Sch)> {
        let form = |m: &str| {
            forms && matches!(refs::essence(m).as_str(), "multipart/form-data" | "application/x-www-form-urlencoded")
        };
        let (media, mt) =
            content.iter().find(|(m, _)| refs::is_json(m)).or_else(|| content.iter().find(|(m, _)| form(m)))?;
        let schema_ptr = join_pointer(&join_pointer(&join_pointer(ptr, "content"), media), "schema");
        let sch = side.conv.convert(mt.schema.as_ref()?, &schema_ptr).ok()?;
        Some((schema_ptr, sch))
    }

    fn request_body(
        &mut self,
        op: &str,
        b_op: &'a openapiv3::Operation,
        bp: &str,
        c_op: &'a openapiv3::Operation,
        cp: &str,
    ) {
        let body = |side: &Side<'a>, o: &'a openapiv3::Operation, p: &str| {
            let ptr = join_pointer(p, "requestBody");
            o.request_body.as_ref().and_then(|r| refs::follow(side.spec, r, &ptr).ok())
        };
        let (b, c) = (body(&self.base, b_op, bp), body(&self.current, c_op, cp));
        match (b, c) {
            (None, None) => {}
            (Some((_, bptr)), None) => {
                self.push(
                    op,
                    Class::Breaking,
                    "request-body-removed",
                    "request body removed".into(),
                    Some(&bptr),
                    None,
                );
            }
            (None, Some((cb, cptr))) => {
                let (class, id) = if cb.required {
                    (Class::Breaking, "added-required-request-body")
                } else {
                    (Class::NonBreaking, "added-optional-request-body")
                };
                self.push(
                    op,
                    class,
                    id,
                    format!("{} request body added", if cb.required { "required" } else { "optional" }),
                    None,
                    Some(&cptr),
                );
            }
            (Some((bb, bptr)), Some((cb, cptr))) => {
                if !bb.required && cb.required {
                    self.push(
                        op,
                        Class::Breaking,
                        "request-body-became-required",
                        "request body became required".into(),
                        Some(&bptr),
                        Some(&cptr),
                    );
                }
                let bs = Self::json_schema(&mut self.base, &bb.content, &bptr, true);
                let cs = Self::json_schema(&mut self.current, &cb.content, &cptr, true);
                if let (Some((_, bs)), Some((_, cs))) = (bs, cs) {
                    self.schema(op, Dir::Request, "request body", &bs, &cs);
                }
            }
        }
    }

    fn responses(
        &mut self,
        op: &str,
        b_op: &'a openapiv3::Operation,
        bp: &str,
        c_op: &'a openapiv3::Operation,
        cp: &str,
    ) {
        let list = |o: &'a openapiv3::Operation| {
            let mut out: BTreeMap<String, &'a ReferenceOr<openapiv3::Response>> = o
                .responses
                .responses
                .iter()
                .map(|(code, r)| {
                    let key = match code {
                        StatusCode::Code(c) => c.to_string(),
                        StatusCode::Range(r) => format!("{r}XX"),
                    };
                    (key, r)
                })
                .collect();
            if let Some(d) = &o.responses.default {
                out.insert("default".into(), d);
            }
            out
        };
        let (b, c) = (list(b_op), list(c_op));
        let is_success = |s: &str| s.starts_with('2');
        for (status, br) in &b {
            let bptr = join_pointer(&join_pointer(bp, "responses"), status);
            let Some(cr) = c.get(status) else {
                // Either way a case callers match is gone: a variant of the enum of successes
                // (or the enum itself), or a variant of the error enum.
                let id = if is_success(status) {
                    "response-success-status-removed"
                } else {
                    "response-non-success-status-removed"
                };
                self.push(op, Class::Breaking, id, format!("response status `{status}` removed"), Some(&bptr), None);
                continue;
            };
            let cptr = join_pointer(&join_pointer(cp, "responses"), status);
            let (Ok((bres, bptr)), Ok((cres, cptr))) =
                (refs::follow(self.base.spec, br, &bptr), refs::follow(self.current.spec, cr, &cptr))
            else {
                continue;
            };
            let bs = Self::json_schema(&mut self.base, &bres.content, &bptr, false);
            let cs = Self::json_schema(&mut self.current, &cres.content, &cptr, false);
            match (bs, cs) {
                (Some((_, bs)), Some((_, cs))) => {
                    self.schema(op, Dir::Response, &format!("`{status}` response"), &bs, &cs)
                }
                (Some((bsp, _)), None) => {
                    self.push(
                        op,
                        Class::Breaking,
                        "response-body-removed",
                        format!("`{status}` response body removed"),
                        Some(&bsp),
                        Some(&cptr),
                    );
                }
                _ => {}
            }
        }
        for status in c.keys() {
            if !b.contains_key(status) {
                let cptr = join_pointer(&join_pointer(cp, "responses"), status);
                let (class, id) = if is_success(status) {
                    (Class::Breaking, "response-success-status-added")
                } else {
                    (Class::NonBreaking, "response-non-success-status-added")
                };
                self.push(op, class, id, format!("response status `{status}` added"), None, Some(&cptr));
            }
        }
    }

    fn security(
        &mut self,
        op: &str,
        b_op: &'a openapiv3::Operation,
        bp: &str,
        c_op: &'a openapiv3::Operation,
        cp: &str,
    ) {
        // The schemes an operation can be called with, as sets of scheme names.
        let effective = |spec: &OpenAPI, o: &openapiv3::Operation, p: &str| -> (BTreeSet<BTreeSet<String>>, String) {
            match (&o.security, &spec.security) {
                (Some(s), _) => (s.iter().map(|r| r.keys().cloned().collect()).collect(), join_pointer(p, "security")),
                (None, Some(s)) => (s.iter().map(|r| r.keys().cloned().collect()).collect(), "/security".into()),
                (None, None) => (BTreeSet::new(), join_pointer(p, "security")),
            }
        };
        let (b, bptr) = effective(self.base.spec, b_op, bp);
        let (c, cptr) = effective(self.current.spec, c_op, cp);
        if b == c {
            return;
        }
        let open = |s: &BTreeSet<BTreeSet<String>>| s.is_empty() || s.iter().any(BTreeSet::is_empty);
        let show = |s: &BTreeSet<BTreeSet<String>>| {
            if open(s) && s.iter().all(BTreeSet::is_empty) {
                return "none".to_owned();
            }
            s.iter()
                .map(|r| {
                    if r.is_empty() {
                        "anonymous".to_owned()
                    } else {
                        r.iter().cloned().collect::<Vec<_>>().join(" + ")
                    }
                })
                .collect::<Vec<_>>()
                .join(" or ")
        };
        let msg = format!("security changed from {} to {}", show(&b), show(&c));
        let (class, id) = if open(&c) {
            (Class::NonBreaking, "api-security-removed")
        } else if open(&b) {
            (Class::Breaking, "api-security-added")
        } else if c.iter().all(|alt| b.contains(alt)) {
            (Class::NonBreaking, "api-security-alternative-removed")
        } else {
            (Class::Breaking, "api-security-changed")
        };
        self.push(op, class, id, msg, Some(&bptr), Some(&cptr));
    }

    fn enums(&mut self, op: &str, dir: Dir, what: &str, b: &Sch, c: &Sch, prefix: &str) {
        if b.enumeration.is_empty() && c.enumeration.is_empty() {
            return;
        }
        let (bptr, cptr) = (Some(b.loc.pointer.as_str()), Some(c.loc.pointer.as_str()));
        let show = |v: &Value| v.to_string();
        for v in b.enumeration.iter().filter(|v| !c.enumeration.is_empty() && !c.enumeration.contains(v)) {
            // A request may no longer send it; in a response, the enum loses the variant callers
            // match.
            let id = if prefix == "request-parameter" {
                "request-parameter-enum-value-removed"
            } else if dir == Dir::Request {
                "request-property-enum-value-removed"
            } else {
                "response-property-enum-value-removed"
            };
            self.push(op, Class::Breaking, id, format!("{what}: enum value {} removed", show(v)), bptr, cptr);
        }
        for v in c.enumeration.iter().filter(|v| !b.enumeration.is_empty() && !b.enumeration.contains(v)) {
            // Requests may send more; responses may return a value the base client has not seen, which
            // the generated client keeps (strings stay strings), so neither breaks it.
            let id = if prefix == "request-parameter" {
                "request-parameter-enum-value-added"
            } else if dir == Dir::Request {
                "request-property-enum-value-added"
            } else {
                "response-property-enum-value-added"
            };
            self.push(op, Class::NonBreaking, id, format!("{what}: enum value {} added", show(v)), bptr, cptr);
        }
    }

    /// Compares two schemas at the same place; `what` names the place in messages. References to
    /// components are expanded, once per pair of components (recursion ends there).
    fn schema(&mut self, op: &str, dir: Dir, what: &str, b: &Sch, c: &Sch) {
        if let (Kind::Ref(bk), Kind::Ref(ck)) = (&b.kind, &c.kind)
            && !self.visiting.insert((bk.clone(), ck.clone()))
        {
            return;
        }
        let (b, c) = (self.base.conv.expand(b.clone()), self.current.conv.expand(c.clone()));
        let (b, c) = (&b, &c);
        let (bptr, cptr) = (Some(b.loc.pointer.as_str()), Some(c.loc.pointer.as_str()));
        if let Some((was, now)) = type_change(b, c) {
            let id =
                if dir == Dir::Request { "request-property-type-changed" } else { "response-property-type-changed" };
            self.push(op, Class::Breaking, id, format!("{what} changed type from {was} to {now}"), bptr, cptr);
            return;
        }
        let prefix = if dir == Dir::Request { "request-property" } else { "response-property" };
        self.enums(op, dir, what, b, c, prefix);
        if dir == Dir::Response && !b.nullable && c.nullable {
            self.push(
                op,
                Class::Breaking,
                "response-property-became-nullable",
                format!("{what} became nullable"),
                bptr,
                cptr,
            );
        }
        match (&b.kind, &c.kind) {
            (Kind::Array(bi), Kind::Array(ci)) => self.schema(op, dir, &format!("{what} items"), bi, ci),
            (Kind::Object(bo), Kind::Object(co)) => {
                if let (Some(ba), Some(ca)) = (&bo.additional, &co.additional) {
                    self.schema(op, dir, &format!("{what} values"), ba, ca);
                }
                for (name, bs) in &bo.props {
                    let place = format!("{what} property `{name}`");
                    let Some(cs) = co.props.get(name) else {
                        let id =
                            if dir == Dir::Request { "request-property-removed" } else { "response-property-removed" };
                        self.push(op, Class::Breaking, id, format!("{place} removed"), Some(&bs.loc.pointer), None);
                        continue;
                    };
                    let (was, now) = (bo.required.contains(name), co.required.contains(name));
                    let (bp, cp) = (Some(bs.loc.pointer.as_str()), Some(cs.loc.pointer.as_str()));
                    match (dir, was, now) {
                        (Dir::Request, false, true) => self.push(
                            op,
                            Class::Breaking,
                            "request-property-became-required",
                            format!("{place} became required"),
                            bp,
                            cp,
                        ),
                        // The field's type becomes `Option<T>`: code that sets it no longer compiles.
                        (Dir::Request, true, false) => self.push(
                            op,
                            Class::Breaking,
                            "request-property-became-optional",
                            format!("{place} became optional"),
                            bp,
                            cp,
                        ),
                        (Dir::Response, true, false) => self.push(
                            op,
                            Class::Breaking,
                            "response-property-became-optional",
                            format!("{place} became optional"),
                            bp,
                            cp,
                        ),
                        // The field's type becomes `T`: code that matches `Some` no longer compiles.
                        (Dir::Response, false, true) => self.push(
                            op,
                            Class::Breaking,
                            "response-property-became-required",
                            format!("{place} became required"),
                            bp,
                            cp,
                        ),
                        _ => {}
                    }
                    if dir == Dir::Request {
                        self.read_only(op, &place, now, (bs, cs));
                    }
                    self.schema(op, dir, &place, bs, cs);
                }
                for (name, cs) in co.props.iter().filter(|(n, _)| !bo.props.contains_key(*n)) {
                    let place = format!("{what} property `{name}`");
                    let required = co.required.contains(name);
                    let (class, id) = match (dir, required) {
                        (Dir::Request, true) => (Class::Breaking, "new-required-request-property"),
                        (Dir::Request, false) => (Class::NonBreaking, "new-optional-request-property"),
                        (Dir::Response, _) => (Class::NonBreaking, "response-property-added"),
                    };
                    self.push(op, class, id, format!("{place} added"), None, Some(&cs.loc.pointer));
                }
            }
            _ => {}
        }
    }

    /// A request property that became readOnly is no longer sent (its setter, or its argument of
    /// `new`, is gone); one no longer readOnly is sent, and is a new input callers must give when
    /// it is required (`now`).
    fn read_only(&mut self, op: &str, place: &str, now: bool, (b, c): (&Sch, &Sch)) {
        let was_read_only = self.base.conv.expand(b.clone()).read_only;
        let is_read_only = self.current.conv.expand(c.clone()).read_only;
        let (bp, cp) = (Some(b.loc.pointer.as_str()), Some(c.loc.pointer.as_str()));
        match (was_read_only, is_read_only) {
            (false, true) => self.push(
                op,
                Class::Breaking,
                "request-property-became-read-only",
                format!("{place} became readOnly: it is no longer sent"),
                bp,
                cp,
            ),
            (true, false) => self.push(
                op,
                if now { Class::Breaking } else { Class::NonBreaking },
                "request-property-no-longer-read-only",
                format!("{place} is no longer readOnly: it is sent"),
                bp,
                cp,
            ),
            _ => {}
        }
    }
}

/// The old and new type words, when the types differ in a way the client notices.
fn type_change(b: &Sch, c: &Sch) -> Option<(String, String)> {
    let word = |s: &Sch| match &s.kind {
        Kind::Integer(f) => format!("integer ({f:?})").replace(" (Unspecified)", ""),
        Kind::Number(f) => format!("number ({f:?})").replace(" (Unspecified)", ""),
        k => k.word().to_owned(),
    };
    let (was, now) = (word(b), word(c));
    // `{}` accepts anything: a schema that gains or loses a type is not a type change we can judge.
    if was == now || b.kind == Kind::Any || c.kind == Kind::Any {
        None
    } else {
        Some((was.to_lowercase(), now.to_lowercase()))
    }
}

/// Counts by class, of the spec's changes and the Rust API's together.
pub fn counts(changes: &[Change], rust: &[RustChange]) -> (usize, usize) {
    let (breaking, other) = spec_counts(changes);
    let rust_breaking = rust.iter().filter(|c| c.class == Class::Breaking).count();
    (breaking + rust_breaking, other + rust.len() - rust_breaking)
}

fn spec_counts(changes: &[Change]) -> (usize, usize) {
    let breaking = changes.iter().filter(|c| c.class == Class::Breaking).count();
    (breaking, changes.len() - breaking)
}

/// Plain text: the spec's changes grouped by operation, then the Rust API's. The operations,
/// messages and pointers quote spec text, so control characters (line ends included) and
/// bidirectional controls in them are written out (`\u{1b}`): the report goes to a terminal or a
/// CI log.
pub fn render_text(changes: &[Change], rust: &[RustChange]) -> String {
    if changes.is_empty() && rust.is_empty() {
        return "no changes\n".into();
    }
    let (breaking, other) = spec_counts(changes);
    let mut out = if changes.is_empty() {
        "no spec changes\n".to_owned()
    } else {
        format!("{breaking} breaking, {other} non-breaking changes\n")
    };
    let mut current_op = "";
    let ptr = |p: &Option<String>| p.as_deref().map_or("-".to_owned(), |p| format!("#{}", terminal_line(p)));
    for c in changes {
        if c.operation != current_op {
            current_op = &c.operation;
            let _ = writeln!(out, "\n{}", terminal_line(current_op));
        }
        let _ = writeln!(out, "  {:<12}  {}: {}", c.class.word(), c.id, terminal_line(&c.message));
        let _ = writeln!(out, "      base:    {}", ptr(&c.base));
        let _ = writeln!(out, "      current: {}", ptr(&c.current));
    }
    if !rust.is_empty() {
        let (breaking, other) = counts(&[], rust);
        let _ = writeln!(out, "\nRust API: {breaking} breaking, {other} non-breaking changes");
        for c in rust {
            let _ =
                writeln!(out, "  {:<12}  {}: {}", c.class.word(), terminal_line(&c.item), terminal_line(&c.describe()));
        }
    }
    out
}

/// Markdown for a pull-request comment: a summary line, then a table; then, when the Rust API
/// changed, its summary line and table. Spec text in the cells is one line, with control and
/// bidirectional characters written out as in [`render_text`].
pub fn render_markdown(changes: &[Change], rust: &[RustChange]) -> String {
    if changes.is_empty() && rust.is_empty() {
        return "**API drift:** no changes.\n".into();
    }
    let (breaking, other) = spec_counts(changes);
    let icon = |breaking: usize| if breaking > 0 { "⚠️ " } else { "" };
    let cell = |s: &str| terminal_line(&s.replace('\n', " ")).replace('|', "\\|");
    let mut out = if changes.is_empty() {
        format!("{}**API drift:** no spec changes.\n", icon(counts(&[], rust).0))
    } else {
        format!("{}**API drift:** {breaking} breaking, {other} non-breaking changes.\n\n", icon(breaking))
    };
    if !changes.is_empty() {
        out.push_str("| class | operation | change | base | current |\n|---|---|---|---|---|\n");
    }
    let ptr = |p: &Option<String>| p.as_deref().map_or("—".to_owned(), |p| format!("`#{}`", cell(p)));
    let class = |c: Class| if c == Class::Breaking { "**breaking**" } else { "non-breaking" };
    for c in changes {
        let _ = writeln!(
            out,
            "| {} | `{}` | {} (`{}`) | {} | {} |",
            class(c.class),
            cell(&c.operation),
            cell(&c.message),
            c.id,
            ptr(&c.base),
            ptr(&c.current)
        );
    }
    if !rust.is_empty() {
        let (breaking, other) = counts(&[], rust);
        let _ = writeln!(out, "\n**Rust API:** {breaking} breaking, {other} non-breaking changes.\n");
        out.push_str("| class | Rust item | change |\n|---|---|---|\n");
        for c in rust {
            let _ = writeln!(out, "| {} | `{}` | {} |", class(c.class), cell(&c.item), cell(&c.describe()));
        }
    }
    out
}

/// JSON: `{"breaking": n, "non_breaking": m, "changes": [...], "rust_breaking": n, "rust_non_breaking":
/// m, "rust": [...]}`, the first counts the spec's changes, the `rust_` ones the Rust API's.
pub fn render_json(changes: &[Change], rust: &[RustChange]) -> String {
    let (breaking, other) = spec_counts(changes);
    let (rust_breaking, rust_other) = counts(&[], rust);
    let value = serde_json::json!({
        "breaking": breaking,
        "non_breaking": other,
        "changes": changes,
        "rust_breaking": rust_breaking,
        "rust_non_breaking": rust_other,
        "rust": rust,
    });
    let mut out = serde_json::to_string_pretty(&value).expect("changes serialise");
    out.push('\n');
    out
}
