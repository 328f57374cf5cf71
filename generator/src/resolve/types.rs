//! The type space: normalised schemas → Rust types, with structurally identical objects shared.
//!
//! [`TypeSpace::intern`] maps a [`Sch`] to a [`Ty`]. Scalars, arrays and maps need no definition;
//! an object with properties becomes a struct, keyed by its *structure*: its title and, for every
//! property, the wire name, type, required, nullable, readOnly and writeOnly. Descriptions are not
//! part of the key, so the same error schema pasted into 24 responses is one type; a title is, so
//! two schemas their authors named differently stay apart. Children are interned before parents,
//! so the key of a parent refers to its children by id and the comparison is exact.
//!
//! Every definition records its [`Use`]s (request body, response, property of another type); the
//! naming pass ([`TypeSpace::assign_names`], rules in README "Names") picks names from them, and
//! `resolve/lower.rs` turns the definitions into the IR's types.

use std::collections::{BTreeMap, BTreeSet};

use super::schema::{IntFormat, Kind, NumFormat, Sch};
use crate::diag::{Diagnostic, Location};
use crate::ir::{Ty, TypeId};
use crate::naming::{Case, Uniquifier, is_clean, sanitize};

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    /// Schemas their authors named (a title, a component key) stay apart from equal shapes.
    title: Option<String>,
    component: Option<String>,
    fields: Vec<KeyField>,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct KeyField {
    wire: String,
    ty: Ty,
    required: bool,
    nullable: bool,
    read_only: bool,
    write_only: bool,
}

/// A union's identity: its name (title or component key), member types and tag property.
type UnionKey = (Option<String>, Vec<Ty>, Option<String>);

/// Where a type is used; drives naming and the request/response direction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Use {
    /// Request body of operation `op` (index into the operation list).
    Body { op: usize },
    /// Response body of operation `op` for `status` ("200", "4XX", "default").
    Response { op: usize, status: String, error: bool },
    /// Parameter `name` of operation `op`.
    Param { op: usize, name: String },
    /// Property `prop` of type `parent` (also through arrays and maps: `item` is then true).
    Property { parent: TypeId, prop: String, item: bool },
}

#[derive(Clone, Debug)]
pub struct DefField {
    pub wire: String,
    pub ty: Ty,
    /// The field refers back to a type that contains it: it needs a `Box`.
    pub boxed: bool,
    pub required: bool,
    pub nullable: bool,
    pub read_only: bool,
    pub write_only: bool,
    pub doc: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Def {
    pub fields: Vec<DefField>,
    /// For a string enum: its values (then `fields` is empty).
    pub variants: Vec<String>,
    /// For a `oneOf`/`anyOf`: the member types, in order (then `fields` is empty).
    pub alternatives: Vec<Ty>,
    /// For a discriminated union: the tag property and each alternative's tags.
    pub discriminator: Option<super::schema::Discriminator>,
    pub doc: Option<String>,
    pub title: Option<String>,
    /// The title that took part in the type's identity (not for a component, keyed by its key).
    pub identity_title: Option<String>,
    pub name_hint: Option<String>,
    pub origins: Vec<Location>,
    pub uses: Vec<(u64, Use)>,
}

impl std::ops::Index<TypeId> for Vec<Def> {
    type Output = Def;

    fn index(&self, id: TypeId) -> &Def {
        &self[id.index()]
    }
}

impl std::ops::IndexMut<TypeId> for Vec<Def> {
    fn index_mut(&mut self, id: TypeId) -> &mut Def {
        &mut self[id.index()]
    }
}

#[derive(Debug, Default)]
pub struct TypeSpace {
    pub defs: Vec<Def>,
    index: BTreeMap<Key, TypeId>,
    /// String enums, keyed by title and their sorted values.
    enums: BTreeMap<(Option<String>, Vec<String>), TypeId>,
    /// `oneOf`/`anyOf` unions, keyed by name, member types and tag property.
    unions: BTreeMap<UnionKey, TypeId>,
    /// Object components, by their key: one type each, reserved before their properties are
    /// interned so a recursive reference finds it.
    components: BTreeMap<String, TypeId>,
    /// Components being interned right now (a reference to one of them needs a `Box`).
    building: Vec<TypeId>,
    /// Converted object components, for [`Kind::Ref`]s (see [`super::schema::Converter`]).
    pub sources: BTreeMap<String, Sch>,
    /// The titles the name lock recorded, by schema location: at a recorded location, the title
    /// that decides sharing is the recorded one, so editing a title cannot split or merge types.
    pub locked_titles: BTreeMap<String, Option<String>>,
    /// Objects whose `required` names a property their `properties` do not declare: a warning
    /// each (an error when strict), since the struct has no field for it.
    pub undeclared_required: Vec<Diagnostic>,
    seq: u64,
}

impl TypeSpace {
    /// An empty space whose sharing follows the lock's recorded titles (see `locked_titles`).
    pub fn with_locked_titles(locked_titles: BTreeMap<String, Option<String>>) -> Self {
        TypeSpace { locked_titles, ..TypeSpace::default() }
    }

    /// The Rust type for `sch`, defining structs as needed.
    pub fn intern(&mut self, sch: &Sch) -> Ty {
        match &sch.kind {
            Kind::Any => Ty::Json,
            Kind::Bool => Ty::Bool,
            Kind::OneOf(members) if sch.discriminator.is_some() => {
                // Tagged: one alternative per member, even when two members share a type.
                let tys: Vec<Ty> = members.iter().map(|m| self.intern(m)).collect();
                self.intern_union(sch, tys)
            }
            Kind::OneOf(members) => {
                // Each type once, in order (a set beside the list keeps many members linear).
                let mut seen = std::collections::BTreeSet::new();
                let mut tys: Vec<Ty> = Vec::new();
                for m in members {
                    let ty = self.intern(m);
                    if seen.insert(ty.clone()) {
                        tys.push(ty);
                    }
                }
                match tys.as_slice() {
                    [] => Ty::Json,
                    [one] => one.clone(),
                    _ => self.intern_union(sch, tys),
                }
            }
            Kind::String => match string_enum(sch) {
                Some(values) => self.intern_enum(sch, values),
                None => Ty::String,
            },
            Kind::Integer(IntFormat::Int32) => Ty::I32,
            Kind::Integer(_) => Ty::I64,
            Kind::Number(NumFormat::Float) => Ty::F32,
            Kind::Number(_) => Ty::F64,
            Kind::Array(items) => Ty::Vec(Box::new(self.intern(items))),
            Kind::Object(obj) if obj.props.is_empty() => {
                Ty::Map(Box::new(obj.additional.as_ref().map_or(Ty::Json, |a| self.intern(a))))
            }
            Kind::Ref(name) => match self.components.get(name) {
                Some(&id) => Ty::Named(id),
                None => match self.sources.get(name).cloned() {
                    Some(component) => self.intern(&component),
                    // Recursion that passes through no object (an array of itself): any JSON.
                    None => Ty::Json,
                },
            },
            Kind::Object(obj) if sch.component.is_some() && !obj.props.is_empty() => {
                self.check_required(sch, obj);
                self.intern_component(sch, obj)
            }
            Kind::Object(obj) => {
                self.check_required(sch, obj);
                let fields: Vec<DefField> = obj
                    .props
                    .iter()
                    .map(|(wire, p)| DefField {
                        wire: wire.clone(),
                        boxed: false,
                        ty: self.intern(p),
                        required: obj.required.contains(wire),
                        nullable: p.nullable,
                        read_only: p.read_only,
                        write_only: p.write_only,
                        doc: with_constraints(p.description.as_deref(), &p.constraints),
                    })
                    .collect();
                let mut key_fields: Vec<KeyField> = fields
                    .iter()
                    .map(|f| KeyField {
                        wire: f.wire.clone(),
                        ty: f.ty.clone(),
                        required: f.required,
                        nullable: f.nullable,
                        read_only: f.read_only,
                        write_only: f.write_only,
                    })
                    .collect();
                key_fields.sort();
                let title = self.identity_title(sch);
                let key = Key { title: title.clone(), component: sch.component.clone(), fields: key_fields };
                if let Some(&id) = self.index.get(&key) {
                    // Docs of later copies fill gaps; they never replace what is there.
                    for have in self.defs[id].fields.iter_mut().filter(|f| f.doc.is_none()) {
                        have.doc = fields.iter().find(|f| f.wire == have.wire).and_then(|f| f.doc.clone());
                    }
                    return self.seen_again(id, sch);
                }
                let id = TypeId::new(self.defs.len());
                self.seq += 1;
                let seq = self.seq;
                for f in &fields {
                    let item = !matches!(f.ty, Ty::Named(_));
                    if let Some(child) = named_in(&f.ty) {
                        self.defs[child].uses.push((seq, Use::Property { parent: id, prop: f.wire.clone(), item }));
                    }
                }
                self.defs.push(Def { fields, identity_title: title, ..Self::new_def(sch) });
                self.index.insert(key, id);
                Ty::Named(id)
            }
        }
    }

    /// An object component: one type per component key, recursion allowed.
    /// Notes the names `required` lists that the struct of `obj` will have no field for.
    fn check_required(&mut self, sch: &Sch, obj: &super::schema::Obj) {
        let undeclared: Vec<String> = obj
            .required
            .iter()
            .filter(|r| !obj.props.contains_key(*r))
            .map(|r| format!("`{}`", r.escape_debug()))
            .collect();
        if !undeclared.is_empty() {
            let message = format!(
                "`required` lists {} but `properties` does not declare {}: the type has no field for {}, \
                 so the client neither sends nor reads it",
                undeclared.join(", "),
                if undeclared.len() == 1 { "it" } else { "them" },
                if undeclared.len() == 1 { "it" } else { "them" },
            );
            // A component is told once, where it is defined, not at each use.
            let component = sch.component.as_ref().and_then(|c| self.sources.get(c));
            let loc = component.map_or(&sch.loc, |c| &c.loc).clone();
            self.undeclared_required.push(Diagnostic::new(loc, message));
        }
    }

    fn intern_component(&mut self, sch: &Sch, obj: &super::schema::Obj) -> Ty {
        let name = sch.component.clone().unwrap_or_default();
        // The type's docs are the component's own. A reference wrapped with docs of its own
        // (`allOf: [$ref]` beside a description) is documented where it is used, a property.
        let own = self.sources.get(&name).map(Self::new_def);
        if let Some(&id) = self.components.get(&name) {
            self.defs[id].origins.push(sch.loc.clone());
            return Ty::Named(id);
        }
        let id = TypeId::new(self.defs.len());
        let mut def = Self::new_def(sch);
        if let Some(own) = own {
            (def.doc, def.title) = (own.doc, own.title);
        }
        self.defs.push(def);
        self.components.insert(name, id);
        self.building.push(id);
        let fields: Vec<DefField> = obj
            .props
            .iter()
            .map(|(wire, p)| {
                let ty = self.intern(p);
                DefField {
                    wire: wire.clone(),
                    boxed: matches!(ty, Ty::Named(t) if self.building.contains(&t)),
                    ty,
                    required: obj.required.contains(wire),
                    nullable: p.nullable,
                    read_only: p.read_only,
                    write_only: p.write_only,
                    doc: with_constraints(p.description.as_deref(), &p.constraints),
                }
            })
            .collect();
        self.building.pop();
        self.seq += 1;
        let seq = self.seq;
        for f in &fields {
            let item = !matches!(f.ty, Ty::Named(_));
            if let Some(child) = named_in(&f.ty).filter(|c| *c != id) {
                self.defs[child].uses.push((seq, Use::Property { parent: id, prop: f.wire.clone(), item }));
            }
        }
        self.defs[id].fields = fields;
        Ty::Named(id)
    }

    /// A new definition for `sch`, with no content yet.
    fn new_def(sch: &Sch) -> Def {
        Def {
            fields: Vec::new(),
            variants: Vec::new(),
            alternatives: Vec::new(),
            discriminator: None,
            // A struct's docs say what its fields alone do not (`requires `a`, or `b``, deprecated).
            doc: match sch.kind {
                Kind::Object(_) => with_constraints(sch.description.as_deref(), &sch.constraints),
                _ => sch.description.clone(),
            },
            title: sch.title.clone(),
            identity_title: None,
            name_hint: sch.name_hint.clone(),
            origins: vec![sch.loc.clone()],
            uses: Vec::new(),
        }
    }

    /// The title that decides which schemas `sch` shares a type with: the lock's, at a location
    /// it recorded; else the schema's own.
    fn identity_title(&self, sch: &Sch) -> Option<String> {
        match self.locked_titles.get(&sch.loc.pointer) {
            Some(locked) => locked.clone(),
            None => sch.title.clone(),
        }
    }

    /// Another occurrence of an existing definition: remember where, fill a missing doc or name.
    fn seen_again(&mut self, id: TypeId, sch: &Sch) -> Ty {
        let def = &mut self.defs[id];
        def.origins.push(sch.loc.clone());
        def.doc = def.doc.take().or_else(|| sch.description.clone());
        def.name_hint = def.name_hint.take().or_else(|| sch.name_hint.clone());
        Ty::Named(id)
    }

    /// An open string enum: one type per title and set of values.
    fn intern_enum(&mut self, sch: &Sch, values: Vec<String>) -> Ty {
        let mut sorted = values.clone();
        sorted.sort();
        let title = self.identity_title(sch);
        let key = (title.clone().or_else(|| sch.component.clone()), sorted);
        if let Some(&id) = self.enums.get(&key) {
            return self.seen_again(id, sch);
        }
        let id = TypeId::new(self.defs.len());
        self.defs.push(Def { variants: values, identity_title: title, ..Self::new_def(sch) });
        self.enums.insert(key, id);
        Ty::Named(id)
    }

    /// A `oneOf`/`anyOf` of several types: an untagged enum.
    fn intern_union(&mut self, sch: &Sch, tys: Vec<Ty>) -> Ty {
        let tag = sch.discriminator.as_ref().map(|d| d.property.clone());
        let title = self.identity_title(sch);
        let key = (title.clone().or_else(|| sch.component.clone()), tys.clone(), tag);
        if let Some(&id) = self.unions.get(&key) {
            return self.seen_again(id, sch);
        }
        let id = TypeId::new(self.defs.len());
        self.seq += 1;
        let seq = self.seq;
        for (i, ty) in tys.iter().enumerate() {
            if let Some(child) = named_in(ty) {
                let item = !matches!(ty, Ty::Named(_));
                self.defs[child]
                    .uses
                    .push((seq, Use::Property { parent: id, prop: format!("option {}", i + 1), item }));
            }
        }
        self.defs.push(Def {
            alternatives: tys,
            discriminator: sch.discriminator.clone(),
            identity_title: title,
            ..Self::new_def(sch)
        });
        self.unions.insert(key, id);
        Ty::Named(id)
    }

    /// Records that `ty` (if it is or contains a struct) is used as `use_`.
    pub fn add_use(&mut self, ty: &Ty, use_: Use) {
        if let Some(id) = named_in(ty) {
            self.seq += 1;
            self.defs[id].uses.push((self.seq, use_));
        }
    }

    /// The ids of every type reachable from `roots`, through fields and union members.
    pub fn reachable(&self, roots: impl IntoIterator<Item = TypeId>) -> BTreeSet<TypeId> {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<TypeId> = roots.into_iter().collect();
        while let Some(id) = todo.pop() {
            if seen.insert(id) {
                let def = &self.defs[id];
                todo.extend(def.fields.iter().map(|f| &f.ty).chain(&def.alternatives).filter_map(named_in));
            }
        }
        seen
    }

    /// Picks a name for every struct. `op_names` are the operations' Pascal-case names;
    /// `overrides` maps a schema pointer to a forced name, `locked` to the name the lock recorded.
    pub fn assign_names(
        &self,
        op_names: &[String],
        overrides: &BTreeMap<String, String>,
        locked: &BTreeMap<&str, &str>,
    ) -> Result<Vec<String>, Vec<Diagnostic>> {
        let n = self.defs.len();
        let mut names: Vec<Option<String>> = vec![None; n];
        let mut unique = Uniquifier::default();
        let mut errors = Vec::new();

        // Pass 0: overrides, by any location the type was seen at.
        for (id, def) in self.defs.iter().enumerate() {
            let wanted: BTreeSet<&String> = def.origins.iter().filter_map(|o| overrides.get(&o.pointer)).collect();
            match wanted.into_iter().collect::<Vec<_>>().as_slice() {
                [] => {}
                [one] => {
                    if !unique.try_take(one) {
                        errors.push(Diagnostic::new(
                            def.origins[0].clone(),
                            format!("type name override {one:?} is given to two different types"),
                        ));
                    }
                    names[id] = Some((*one).clone());
                }
                many => errors.push(
                    Diagnostic::new(
                        def.origins[0].clone(),
                        format!(
                            "one type has several name overrides: {}",
                            many.iter().map(|s| format!("{s:?}")).collect::<Vec<_>>().join(", ")
                        ),
                    )
                    .note("help: these schemas are structurally identical and share one type; keep one override"),
                ),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        // Pass 0b: the lock's names, by any location it recorded (the first that is still a
        // valid name and free, in the order the type was met), so docs edits rename nothing.
        for (id, def) in self.defs.iter().enumerate() {
            if names[id].is_some() {
                continue;
            }
            let recorded = def.origins.iter().filter_map(|o| locked.get(o.pointer.as_str()));
            for name in recorded {
                if is_clean(name, Case::Pascal) && unique.try_take(name) {
                    names[id] = Some((*name).to_owned());
                    break;
                }
            }
        }

        let order = self.naming_order();
        // Pass 1: object components, by their key: `#/components/schemas/Point` is `Point` even
        // when an inline schema elsewhere has the title "Point". Then the names the other schemas
        // give themselves (title, noun-phrase description).
        // (Schemas reached by pointer elsewhere in the document are keyed by that pointer: not here.)
        let components = self
            .components
            .iter()
            .filter(|(key, id)| !key.starts_with('/') && names[id.index()].is_none())
            .map(|(_, id)| *id);
        for id in components.collect::<Vec<_>>().into_iter().chain(order.iter().copied()) {
            if names[id.index()].is_some() {
                continue;
            }
            if let Some(hint) = &self.defs[id].name_hint {
                let name = sanitize(hint, Case::Pascal);
                if unique.try_take(&name) {
                    names[id.index()] = Some(name);
                }
            }
        }
        // Pass 2: names from where the type is used, parents before children.
        for &id in &order {
            if names[id.index()].is_some() {
                continue;
            }
            let candidates = self.context_names(id, op_names, &names);
            let free = candidates.iter().find(|c| !unique.is_taken(c)).cloned();
            let name = match free {
                Some(c) => {
                    unique.try_take(&c);
                    c
                }
                None => unique.take(candidates.first().map_or("Type", String::as_str), Case::Pascal),
            };
            names[id.index()] = Some(name);
        }
        Ok(names.into_iter().map(|n| n.expect("every type named by pass 2")).collect())
    }

    /// Types ordered for naming: by depth of use (bodies and responses first), then first use.
    fn naming_order(&self) -> Vec<TypeId> {
        let mut depth: Vec<Option<usize>> = vec![None; self.defs.len()];
        fn depth_of(
            space: &TypeSpace,
            id: TypeId,
            memo: &mut Vec<Option<usize>>,
            guard: &mut BTreeSet<TypeId>,
        ) -> usize {
            if let Some(d) = memo[id.index()] {
                return d;
            }
            if !guard.insert(id) {
                return usize::MAX / 2;
            }
            let d = space.defs[id]
                .uses
                .iter()
                .map(|(_, u)| match u {
                    Use::Property { parent, .. } => depth_of(space, *parent, memo, guard).saturating_add(1),
                    _ => 0,
                })
                .min()
                .unwrap_or(usize::MAX / 2);
            guard.remove(&id);
            memo[id.index()] = Some(d);
            d
        }
        for id in (0..self.defs.len()).map(TypeId::new) {
            depth_of(self, id, &mut depth, &mut BTreeSet::new());
        }
        let first_use = |id: TypeId| self.defs[id].uses.iter().map(|(s, _)| *s).min().unwrap_or(u64::MAX);
        let mut order: Vec<TypeId> = (0..self.defs.len()).map(TypeId::new).collect();
        order.sort_by_key(|&id| (depth[id.index()], first_use(id), id));
        order
    }

    /// Candidate names from uses, best first.
    fn context_names(&self, id: TypeId, op_names: &[String], names: &[Option<String>]) -> Vec<String> {
        let mut uses: Vec<&(u64, Use)> = self.defs[id].uses.iter().collect();
        uses.sort_by_key(|(s, _)| *s);
        let mut out = Vec::new();

        // A body shared by the error responses of several operations is the API's error type.
        let error_ops: BTreeSet<usize> = uses
            .iter()
            .filter_map(|(_, u)| if let Use::Response { op, error: true, .. } = u { Some(*op) } else { None })
            .collect();
        if error_ops.len() >= 2 && uses.iter().all(|(_, u)| matches!(u, Use::Response { error: true, .. })) {
            out.push("ApiError".to_owned());
        }
        // A property type shared by several parents is named after the property alone.
        let parents: BTreeSet<TypeId> = uses
            .iter()
            .filter_map(|(_, u)| if let Use::Property { parent, .. } = u { Some(*parent) } else { None })
            .collect();
        let props: BTreeSet<&str> = uses
            .iter()
            .filter_map(|(_, u)| if let Use::Property { prop, .. } = u { Some(prop.as_str()) } else { None })
            .collect();
        if parents.len() >= 2 && props.len() == 1 {
            out.push(sanitize(props.first().expect("one prop"), Case::Pascal));
        }
        let mut seen: BTreeSet<String> = out.iter().cloned().collect();
        for (_, u) in uses {
            let name = match u {
                Use::Body { op } => format!("{}Request", op_names[*op]),
                Use::Param { op, name } => format!("{}{}", op_names[*op], sanitize(name, Case::Pascal)),
                Use::Response { op, error: false, .. } => format!("{}Response", op_names[*op]),
                Use::Response { op, status, error: true } => format!("{}{}", op_names[*op], status_word(status)),
                Use::Property { parent, prop, item } => {
                    let Some(parent_name) = &names[parent.index()] else {
                        continue;
                    };
                    let suffix = if *item { "Item" } else { "" };
                    format!("{parent_name}{}{suffix}", sanitize(prop, Case::Pascal))
                }
            };
            // By a set, not by `out.contains`: a type used by every operation of a large spec
            // has a candidate per use, and a scan of the earlier ones made this quadratic.
            if seen.insert(name.clone()) {
                out.push(name);
            }
        }
        out
    }
}

/// A description followed by the schema's constraints ("Constraints: `>= 1`, default `10`.").
pub fn with_constraints(description: Option<&str>, constraints: &[String]) -> Option<String> {
    let mut doc = description.map(|d| d.trim().to_owned()).unwrap_or_default();
    if !constraints.is_empty() {
        if !doc.is_empty() {
            doc.push_str("\n\n");
        }
        doc.push_str(&format!("Constraints: {}.", constraints.join(", ")));
    }
    (!doc.is_empty()).then_some(doc)
}

/// The values of a string enum (nulls of a nullable enum left out), if `sch` is one.
fn string_enum(sch: &Sch) -> Option<Vec<String>> {
    let mut values: Vec<String> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for v in &sch.enumeration {
        match v {
            serde_json::Value::String(s) if seen.insert(s) => values.push(s.clone()),
            serde_json::Value::String(_) | serde_json::Value::Null => {}
            _ => return None,
        }
    }
    (!values.is_empty()).then_some(values)
}

/// "ErrorBody" names for error statuses: `400` → `BadRequest`, `4XX` → `ClientError`, `default` → `Error`.
pub fn status_word(status: &str) -> String {
    match status {
        "default" => "Error".into(),
        s if s.ends_with("XX") => match &s[..1] {
            "1" => "Informational".into(),
            "2" => "Success".into(),
            "3" => "Redirection".into(),
            "4" => "ClientError".into(),
            _ => "ServerError".into(),
        },
        s => s
            .parse::<u16>()
            .ok()
            .and_then(|code| http::StatusCode::from_u16(code).ok())
            .and_then(|code| code.canonical_reason())
            .map_or_else(|| format!("Status{s}"), |reason| sanitize(reason, Case::Pascal)),
    }
}

/// The struct a type is or contains (through `Vec` and maps).
pub fn named_in(ty: &Ty) -> Option<TypeId> {
    match ty {
        Ty::Named(id) => Some(*id),
        Ty::Vec(inner) | Ty::Map(inner) => named_in(inner),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use indexmap::IndexMap;

    use super::*;
    use crate::resolve::schema::Obj;

    fn sch(ptr: &str, kind: Kind) -> Sch {
        Sch { kind, ..Sch::any(Location::new("f.json", ptr)) }
    }

    fn object(ptr: &str, props: Vec<(&str, Sch)>, required: &[&str]) -> Sch {
        let props: IndexMap<String, Sch> = props.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        sch(
            ptr,
            Kind::Object(Obj { props, required: required.iter().map(|s| s.to_string()).collect(), additional: None }),
        )
    }

    fn error_schema(ptr: &str) -> Sch {
        let mut status = sch("/s", Kind::Integer(IntFormat::Int32));
        status.description = Some(format!("code at {ptr}"));
        object(ptr, vec![("status", status), ("message", sch("/m", Kind::String))], &["status", "message"])
    }

    #[test]
    fn identical_structures_share_one_type_whatever_the_docs() {
        let mut space = TypeSpace::default();
        let a = space.intern(&error_schema("/a"));
        let b = space.intern(&error_schema("/b"));
        assert_eq!(a, b);
        assert_eq!(space.defs.len(), 1);
        assert_eq!(space.defs[0].origins.len(), 2);
    }

    #[test]
    fn different_shapes_never_share() {
        let mut space = TypeSpace::default();
        let a = space.intern(&error_schema("/a"));
        let mut optional = error_schema("/b");
        if let Kind::Object(o) = &mut optional.kind {
            o.required.pop();
        }
        let b = space.intern(&optional);
        let mut titled = error_schema("/c");
        titled.title = Some("Other".into());
        let c = space.intern(&titled);
        assert_ne!(a, b);
        assert_ne!(a, c);
        assert_ne!(b, c);
    }

    #[test]
    fn property_order_does_not_matter_for_identity() {
        let mut space = TypeSpace::default();
        let a = space.intern(&object("/a", vec![("x", sch("", Kind::String)), ("y", sch("", Kind::Bool))], &[]));
        let b = space.intern(&object("/b", vec![("y", sch("", Kind::Bool)), ("x", sch("", Kind::String))], &[]));
        assert_eq!(a, b);
        assert_eq!(space.defs[0].fields[0].wire, "x", "the first copy's order is kept");
    }

    #[test]
    fn names_from_hints_roles_and_context() {
        let mut space = TypeSpace::default();
        let meta = object("/meta", vec![("count", sch("", Kind::Integer(IntFormat::Int32)))], &[]);
        let mut record = object("/rec", vec![("appname", sch("", Kind::String))], &[]);
        record.name_hint = Some("API Key Record".into());
        let list = object(
            "/list",
            vec![("meta", meta.clone()), ("data", sch("", Kind::Array(Box::new(record.clone()))))],
            &[],
        );
        let one = object("/one", vec![("meta", meta), ("data", record)], &[]);
        let list_ty = space.intern(&list);
        space.add_use(&list_ty, Use::Response { op: 0, status: "200".into(), error: false });
        let one_ty = space.intern(&one);
        space.add_use(&one_ty, Use::Response { op: 1, status: "200".into(), error: false });
        let err = space.intern(&error_schema("/e1"));
        space.add_use(&err, Use::Response { op: 0, status: "400".into(), error: true });
        space.add_use(&err, Use::Response { op: 1, status: "default".into(), error: true });

        let names =
            space.assign_names(&["ListKeys".into(), "GetKey".into()], &BTreeMap::new(), &BTreeMap::new()).unwrap();
        let name_of = |ty: &Ty| names[named_in(ty).unwrap().index()].clone();
        assert_eq!(name_of(&list_ty), "ListKeysResponse");
        assert_eq!(name_of(&one_ty), "GetKeyResponse");
        assert_eq!(name_of(&err), "ApiError");
        let by_hint: Vec<_> = names.iter().filter(|n| n.as_str() == "ApiKeyRecord").collect();
        assert_eq!(by_hint.len(), 1);
        assert!(names.contains(&"Meta".to_string()), "{names:?}");
    }

    #[test]
    fn overrides_by_pointer_and_their_conflicts() {
        let mut space = TypeSpace::default();
        let ty = space.intern(&error_schema("/e1"));
        space.add_use(&ty, Use::Response { op: 0, status: "400".into(), error: true });
        let overrides: BTreeMap<String, String> = [("/e1".to_string(), "Problem".to_string())].into();
        let names = space.assign_names(&["Op".into()], &overrides, &BTreeMap::new()).unwrap();
        assert_eq!(names[0], "Problem");

        space.intern(&error_schema("/e2"));
        let two: BTreeMap<String, String> =
            [("/e1".to_string(), "A".to_string()), ("/e2".to_string(), "B".to_string())].into();
        let errors = space.assign_names(&["Op".into()], &two, &BTreeMap::new()).unwrap_err();
        assert!(errors[0].message.contains("several name overrides"), "{}", errors[0].message);
    }

    #[test]
    fn status_words() {
        assert_eq!(status_word("400"), "BadRequest");
        assert_eq!(status_word("422"), "UnprocessableEntity");
        assert_eq!(status_word("4XX"), "ClientError");
        assert_eq!(status_word("599"), "Status599");
        assert_eq!(status_word("default"), "Error");
    }
}
