//! Surface: the public Rust API of a generated client, and what changes in it between two.
//!
//! [`Surface::of`] lists what code using the client names, from a resolved [`Api`], by Rust path:
//! `Client::<method>` (the required arguments in order and the success type) with its arguments
//! `Client::<method>::<argument>`, the request's setters `operations::<Request>::<setter>`, the
//! variants of each operation's error type `errors::<Error>::<Variant>`, and the types
//! `types::<Type>` with their fields `types::<Type>::<field>` (the type as the generated code
//! writes it, and whether it is required), the setters of the structs callers send
//! `types::<Type>::<with_field>`, and variants `types::<Type>::<Variant>`. Types are
//! printed as `operations.rs` writes them (`Option<Vec<String>>`, `&[types::Tag]`), lifetimes
//! left out; `tests/drift.rs` holds every printed signature to the generated code of the fixtures.
//!
//! [`diff`] compares two surfaces. Items are matched by what they belong to: an operation by its
//! spec key (`"GET /path"`), so a method whose name changed while its operation stayed is
//! *renamed*, and a type by its name, or, when the name changed, by a place in the spec both
//! versions came from (renamed too). The members of an item that exists on one side only are
//! not listed: the item's addition or removal says it. Added is non-breaking except a required
//! struct field (an argument of the struct's constructor) or a required method argument;
//! removed, renamed and changed are breaking. Pure: two surfaces in, a sorted list out.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

use crate::config::Config;
use crate::drift::Class;
use crate::ir::{Api, ErrorCase, Field, PartKind, Presence, StatusMatch, Streaming, Ty, TypeKind};
use crate::lock::operation_key;

/// What an item of the surface is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    Method,
    Argument,
    Setter,
    Type,
    Field,
    Variant,
}

impl ItemKind {
    pub fn word(self) -> &'static str {
        match self {
            ItemKind::Method => "method",
            ItemKind::Argument => "argument",
            ItemKind::Setter => "setter",
            ItemKind::Type => "type",
            ItemKind::Field => "field",
            ItemKind::Variant => "variant",
        }
    }
}

/// What an item belongs to, the same on both sides while the spec item it comes from stays.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Owner {
    /// An operation, by its spec key (`"GET /path"`).
    Operation(String),
    /// A type, by its name.
    Type(String),
}

/// One item of the public API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub kind: ItemKind,
    /// Its Rust signature: a method's `(id: &str) -> types::Thing`, a field's or argument's type,
    /// a variant's payload (`(types::Thing)`, empty for none), a type's `struct`, `enum` or `union`.
    pub signature: String,
    /// A required struct field or method argument: adding one changes a call callers write.
    pub required: bool,
    owner: Owner,
    /// Its name within its owner (empty for the owner's own item).
    local: String,
    /// A type's places in the spec; a method's argument names in order and its success type.
    origins: Vec<String>,
    returns: String,
}

/// The public Rust API of a generated client, by Rust path.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Surface {
    pub items: BTreeMap<String, Item>,
}

/// How an item changed.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "change", rename_all = "kebab-case")]
pub enum Edit {
    Added {
        signature: String,
    },
    Removed {
        signature: String,
    },
    /// The item is the same spec item under another name; `from` is its old path.
    Renamed {
        from: String,
    },
    Changed {
        from: String,
        to: String,
    },
}

/// One change to the public Rust API.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct RustChange {
    /// The Rust path (the current one for a rename): `types::ApiKeyRecord::last_login`.
    pub item: String,
    pub kind: ItemKind,
    #[serde(flatten)]
    pub change: Edit,
    pub class: Class,
}

impl RustChange {
    /// The change in words, types in backticks: ``changed: `i64` → `String` ``.
    pub fn describe(&self) -> String {
        let code = |s: &str| if s.is_empty() { String::new() } else { format!(": `{s}`") };
        match &self.change {
            Edit::Added { signature } => format!("{} added{}", self.kind.word(), code(signature)),
            Edit::Removed { signature } => format!("{} removed{}", self.kind.word(), code(signature)),
            Edit::Renamed { from } => format!("{} renamed: `{from}` → `{}`", self.kind.word(), self.item),
            Edit::Changed { from, to } => format!("{} changed: `{from}` → `{to}`", self.kind.word()),
        }
    }
}

impl Surface {
    /// The public API of the client generated from `api`.
    pub fn of(api: &Api) -> Surface {
        let mut s = Surface::default();
        for op in &api.operations {
            let key = operation_key(op.http_method.upper(), &op.path);
            let owner = Owner::Operation(key);
            let method = format!("Client::{}", op.names.method.raw());
            let mut args = Vec::new();
            let params = op.params.iter().map(|p| (p.name.raw(), arg_ty(api, &p.ty), p.required));
            let body = op.body.as_ref().map(|b| {
                let ty = match &op.names.form {
                    Some(form) => format!("operations::{form}"),
                    None => body_ty(api, &b.ty),
                };
                ("body", ty, b.required)
            });
            // A typed form's fields (a required one is an argument of its `new`) and setters.
            if let (Some(form), Some(body)) = (&op.names.form, &op.body) {
                for p in &body.parts {
                    let ty = part_ty(api, &p.kind);
                    let (name, setter) = (p.name.raw(), format!("with_{}", p.name.plain()));
                    let field = if p.required { ty.clone() } else { format!("Option<{ty}>") };
                    s.add(
                        format!("operations::{form}::{name}"),
                        Item::new(ItemKind::Field, field, p.required, &owner, name),
                    );
                    if !p.required {
                        let path = format!("operations::{form}::{setter}");
                        s.add(path, Item::new(ItemKind::Setter, ty, false, &owner, &setter));
                    }
                }
            }
            for (name, ty, required) in params.chain(body) {
                let (path, kind) = if required {
                    args.push((name.to_owned(), ty.clone()));
                    (format!("{method}::{name}"), ItemKind::Argument)
                } else {
                    (format!("operations::{}::{name}", op.names.request), ItemKind::Setter)
                };
                s.add(path, Item::new(kind, ty, required, &owner, name));
            }
            for case in &op.errors {
                let path = format!("errors::{}::{}", op.names.error, case.variant);
                s.add(path, Item::new(ItemKind::Variant, error_payload(api, case), false, &owner, &case.variant));
            }
            let returns = match (&op.streaming, &op.names.success) {
                (Some(Streaming::Events { data, only: true }), _) => {
                    format!("EventStream<{}, {}>", ty(api, data), op.names.error)
                }
                (_, Some(name)) => format!("responses::{name}"),
                (_, None) => op.success.first().and_then(|s| s.ty.as_ref()).map_or("()".into(), |t| ty(api, t)),
            };
            // A body read as it arrives: the request's `byte_stream` or `event_stream`.
            let streamed = match &op.streaming {
                Some(Streaming::Bytes) => Some(("byte_stream", format!("ByteStream<{}>", op.names.error))),
                Some(Streaming::Events { data, only: false }) => {
                    Some(("event_stream", format!("EventStream<{}, {}>", ty(api, data), op.names.error)))
                }
                _ => None,
            };
            if let Some((name, returns)) = streamed {
                let path = format!("operations::{}::{name}", op.names.request);
                let mut item = Item::new(ItemKind::Method, format!("() -> {returns}"), false, &owner, name);
                item.returns = returns;
                s.add(path, item);
            }
            let shown: Vec<String> = args.iter().map(|(n, t)| format!("{n}: {t}")).collect();
            let mut item =
                Item::new(ItemKind::Method, format!("({}) -> {returns}", shown.join(", ")), false, &owner, "");
            item.origins = args.into_iter().map(|(n, _)| n).collect();
            item.returns = returns;
            s.add(method, item);
        }
        for t in &api.types {
            let owner = Owner::Type(t.name.clone());
            let path = format!("types::{}", t.name);
            let (word, members) = match &t.kind {
                TypeKind::Struct(fields) => {
                    ("struct", fields.iter().map(|f| (f.name.raw(), field_ty(api, f), f.in_new())).collect())
                }
                TypeKind::Enum(variants) => {
                    ("enum", variants.iter().map(|v| (v.name.as_str(), String::new(), false)).collect())
                }
                TypeKind::Union { alternatives, .. } => (
                    "union",
                    alternatives
                        .iter()
                        .map(|a| (a.name.as_str(), format!("({})", ty(api, &a.ty)), false))
                        .collect::<Vec<_>>(),
                ),
            };
            let kind = if word == "struct" { ItemKind::Field } else { ItemKind::Variant };
            for (name, sig, required) in members {
                s.add(format!("{path}::{name}"), Item::new(kind, sig, required, &owner, name));
            }
            // The `with_` setters of a type callers send: one gone (the type no longer sent, the
            // field now readOnly) breaks the callers that set it.
            for f in t.fields().unwrap_or_default().iter().filter(|f| t.has_setter(f)) {
                let setter = f.setter.raw();
                s.add(
                    format!("{path}::{setter}"),
                    Item::new(ItemKind::Setter, setter_ty(api, f), false, &owner, setter),
                );
            }
            let mut item = Item::new(ItemKind::Type, word.into(), false, &owner, "");
            item.origins = t.origins.iter().map(|o| o.pointer.clone()).collect();
            s.add(path, item);
        }
        s
    }

    fn add(&mut self, path: String, item: Item) {
        self.items.insert(path, item);
    }
}

impl Item {
    fn new(kind: ItemKind, signature: String, required: bool, owner: &Owner, local: &str) -> Item {
        Item {
            kind,
            signature,
            required,
            owner: owner.clone(),
            local: local.to_owned(),
            origins: Vec::new(),
            returns: String::new(),
        }
    }

    /// Whether this is an operation's method or a type, which other items belong to.
    fn is_owner(&self) -> bool {
        self.local.is_empty()
    }
}

/// `config` as it applies to the merged spec `doc`: without the method overrides of operationIds
/// it does not have, nor the type overrides of places it does not have. A base spec, older than
/// the config, resolves with it so.
pub fn config_for(config: &Config, doc: &Value) -> Config {
    let ids: BTreeSet<&str> = doc
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|paths| paths.values())
        .filter_map(Value::as_object)
        .flat_map(|item| item.values())
        .filter_map(|op| op.get("operationId")?.as_str())
        .collect();
    let mut out = config.clone();
    out.methods.retain(|id, _| ids.contains(id.as_str()));
    out.types.retain(|pointer, _| doc.pointer(pointer).is_some());
    out
}

/// What identifies an item on both sides: its owner, kind and name within the owner.
type Identity = (Owner, ItemKind, String);

/// The changes from `base` to `current`, sorted by Rust path.
pub fn diff(base: &Surface, current: &Surface) -> Vec<RustChange> {
    let renamed = type_renames(base, current);
    let identity = |item: &Item, renames: &BTreeMap<&str, &str>| {
        let owner = match &item.owner {
            Owner::Type(name) => Owner::Type(renames.get(name.as_str()).map_or(name.clone(), |n| (*n).to_owned())),
            op => op.clone(),
        };
        (owner, item.kind, item.local.clone())
    };
    let index = |s: &'_ Surface, renames: &BTreeMap<&str, &str>| -> BTreeMap<Identity, (String, Item)> {
        s.items.iter().map(|(path, item)| (identity(item, renames), (path.clone(), item.clone()))).collect()
    };
    let (b, c) = (index(base, &renamed), index(current, &BTreeMap::new()));
    // An owner's members are compared only when it is on both sides, as the same kind of type.
    let owner_kind = |owner: &Owner| match owner {
        Owner::Operation(_) => ItemKind::Method,
        Owner::Type(_) => ItemKind::Type,
    };
    let compared = |owner: &Owner| {
        let key = (owner.clone(), owner_kind(owner), String::new());
        matches!((b.get(&key), c.get(&key)), (Some((_, bi)), Some((_, ci))) if bi.kind != ItemKind::Type || bi.signature == ci.signature)
    };
    let mut out = Vec::new();
    let mut push =
        |item: &str, kind, change: Edit, class| out.push(RustChange { item: item.to_owned(), kind, change, class });
    for (id, (bp, bi)) in &b {
        let reported = bi.is_owner() || compared(&id.0);
        match c.get(id) {
            None if reported => {
                push(bp, bi.kind, Edit::Removed { signature: bi.signature.clone() }, Class::Breaking);
            }
            None => {}
            Some((cp, ci)) => {
                if bi.is_owner() && bp != cp {
                    push(cp, ci.kind, Edit::Renamed { from: bp.clone() }, Class::Breaking);
                }
                if reported && bi.signature != ci.signature && !explained_by_arguments(bi, ci) {
                    let (from, to) = (bi.signature.clone(), ci.signature.clone());
                    push(cp, ci.kind, Edit::Changed { from, to }, Class::Breaking);
                }
            }
        }
    }
    for (id, (cp, ci)) in &c {
        if !b.contains_key(id) && (ci.is_owner() || compared(&id.0)) {
            let class = if ci.required { Class::Breaking } else { Class::NonBreaking };
            push(cp, ci.kind, Edit::Added { signature: ci.signature.clone() }, class);
        }
    }
    out.sort();
    out
}

/// A method whose success type stayed and whose arguments on both sides come in the same order:
/// the difference is arguments added or removed or retyped, which their own items tell.
fn explained_by_arguments(b: &Item, c: &Item) -> bool {
    if b.kind != ItemKind::Method || b.returns != c.returns {
        return false;
    }
    let common = |x: &Item, y: &Item| x.origins.iter().filter(|a| y.origins.contains(a)).cloned().collect::<Vec<_>>();
    common(b, c) == common(c, b)
}

/// Types of the base gone by name whose name changed: base name → current name, matched by a
/// place in the spec both came from.
fn type_renames<'a>(base: &'a Surface, current: &'a Surface) -> BTreeMap<&'a str, &'a str> {
    let types = |s: &'a Surface| {
        s.items.values().filter(|i| i.kind == ItemKind::Type).filter_map(|i| match &i.owner {
            Owner::Type(name) => Some((name.as_str(), i)),
            Owner::Operation(_) => None,
        })
    };
    let (b, c): (BTreeMap<&str, &Item>, BTreeMap<&str, &Item>) = (types(base).collect(), types(current).collect());
    let mut taken = BTreeSet::new();
    let mut out = BTreeMap::new();
    for (name, item) in b.iter().filter(|(n, _)| !c.contains_key(*n)) {
        let found = c.iter().find(|(n, ci)| {
            !b.contains_key(*n) && !taken.contains(*n) && ci.origins.iter().any(|o| item.origins.contains(o))
        });
        if let Some((new, _)) = found {
            taken.insert(*new);
            out.insert(*name, *new);
        }
    }
    out
}

/// A type as `operations.rs` writes it: `types::Thing`, `Vec<String>`.
fn ty(api: &Api, t: &Ty) -> String {
    match t {
        Ty::String | Ty::Text => "String".into(),
        Ty::Bool => "bool".into(),
        Ty::I32 => "i32".into(),
        Ty::I64 => "i64".into(),
        Ty::F32 => "f32".into(),
        Ty::F64 => "f64".into(),
        Ty::Json => "serde_json::Value".into(),
        Ty::Multipart => "reqwest::multipart::Form".into(),
        Ty::Bytes => "Vec<u8>".into(),
        Ty::Vec(inner) => format!("Vec<{}>", ty(api, inner)),
        Ty::Map(inner) => format!("BTreeMap<String, {}>", ty(api, inner)),
        Ty::Named(id) => format!("types::{}", api.ty(*id).name),
    }
}

/// A parameter as a method or setter takes it: strings, lists, structs and maps borrowed.
fn arg_ty(api: &Api, t: &Ty) -> String {
    match t {
        Ty::String | Ty::Text => "&str".into(),
        Ty::Bytes => "&[u8]".into(),
        Ty::Named(_) | Ty::Map(_) => format!("&{}", ty(api, t)),
        Ty::Vec(inner) if **inner == Ty::String => "&[&str]".into(),
        Ty::Vec(inner) => format!("&[{}]", ty(api, inner)),
        other => ty(api, other),
    }
}

/// A request body as the method or setter takes it: borrowed, a form by value.
fn body_ty(api: &Api, t: &Ty) -> String {
    match t {
        Ty::Multipart => ty(api, t),
        Ty::String | Ty::Text => "&str".into(),
        Ty::Bytes => "impl Into<Body>".into(),
        Ty::Vec(inner) => format!("&[{}]", ty(api, inner)),
        other => format!("&{}", ty(api, other)),
    }
}

/// A form part's type, as its field holds it (the setter of a `String` takes `impl Into<String>`).
fn part_ty(api: &Api, kind: &PartKind) -> String {
    match kind {
        PartKind::Text(t) | PartKind::Json(t) => ty(api, t),
        PartKind::Texts(t) => format!("Vec<{}>", ty(api, t)),
        PartKind::File => "FilePart".into(),
        PartKind::Files => "Vec<FilePart>".into(),
    }
}

/// A struct field's type: `Option` when it may be absent or `null`, boxed when recursive.
fn field_ty(api: &Api, f: &Field) -> String {
    let inner = if f.boxed { format!("Box<{}>", ty(api, &f.ty)) } else { ty(api, &f.ty) };
    match f.presence {
        // Whether `new` takes it is part of what callers write: a change either way breaks them.
        Presence::Required if f.defaulted => format!("{inner} (read-only: not an argument of `new`)"),
        Presence::Required => inner,
        Presence::Optional => format!("Option<{inner}>"),
        Presence::OptionalNullable => format!("Option<Option<{inner}>>"),
    }
}

/// What a struct's `with_` setter takes: a string as `impl Into<String>`, an optional nullable
/// field's value as an `Option`, a boxed field's value unboxed.
fn setter_ty(api: &Api, f: &Field) -> String {
    let inner = match f.ty {
        Ty::String | Ty::Text => "impl Into<String>".into(),
        _ => ty(api, &f.ty),
    };
    match f.presence {
        Presence::OptionalNullable => format!("Option<{}>", ty(api, &f.ty)),
        Presence::Required | Presence::Optional => inner,
    }
}

/// An error variant's payload: the body, and the status when the variant matches many.
fn error_payload(api: &Api, case: &ErrorCase) -> String {
    let body = case.ty.as_ref().map(|t| ty(api, t));
    match (matches!(case.status, StatusMatch::Code(_)), body) {
        (true, None) => String::new(),
        (true, Some(body)) => format!("({body})"),
        (false, None) => "{ status: u16 }".into(),
        (false, Some(body)) => format!("{{ status: u16, body: {body} }}"),
    }
}
