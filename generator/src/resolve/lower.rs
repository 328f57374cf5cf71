//! Lowering: the type space's definitions ([`Def`]) → the IR's [`TypeDef`]s, every name decided.
//!
//! [`lower_types`] names each struct's fields, each enum's variants and each union's members
//! (unique within their type), and records whether a request body or parameter reaches the type
//! and which operations use it, and which required fields one direction never carries keep a
//! default ([`one_way_defaults`]). [`box_cycles`] then boxes fields until no type contains itself
//! by value.

use std::collections::BTreeMap;

use super::types::{Def, TypeSpace, Use, named_in};
use crate::ir::{
    Alternative, Field, Operation, PartKind, Presence, RustName, Ty, TypeDef, TypeId, TypeKind, TypeUse, Variant,
};
use crate::naming::{Case, Uniquifier, sanitize};

/// The IR's type definitions, one per [`Def`] in id order: fields, variants and union members
/// named (each made unique; `Other` is kept for values the spec does not list), docs, origins,
/// whether a request body (or any part of a request) reaches the type, and the operations that
/// use it. `type_names` are the names [`TypeSpace::assign_names`] gave; `method_names` those of
/// the operations.
pub(super) fn lower_types(
    space: &TypeSpace,
    type_names: &[String],
    operations: &[Operation],
    method_names: &[String],
) -> Vec<TypeDef> {
    // A body's type, or the types of its form's parts.
    let body_roots = || {
        operations.iter().filter_map(|o| o.body.as_ref()).flat_map(|b| {
            let parts = b.parts.iter().filter_map(|p| match &p.kind {
                PartKind::Text(ty) | PartKind::Texts(ty) | PartKind::Json(ty) => named_in(ty),
                PartKind::File | PartKind::Files => None,
            });
            named_in(&b.ty).into_iter().chain(parts)
        })
    };
    let param_roots = operations.iter().flat_map(|o| o.params.iter().filter_map(|p| named_in(&p.ty)));
    let in_request = space.reachable(body_roots());
    let sent = space.reachable(body_roots().chain(param_roots));
    let mut defs: Vec<TypeDef> = space
        .defs
        .iter()
        .enumerate()
        .map(|(id, def)| TypeDef {
            name: type_names[id].clone(),
            doc: def.doc.clone(),
            origins: def.origins.clone(),
            in_request: in_request.contains(&TypeId::new(id)),
            sent: sent.contains(&TypeId::new(id)),
            used_by: used_by(def, method_names),
            features: Vec::new(),
            kind: kind(def, type_names),
        })
        .collect();
    one_way_defaults(&mut defs);
    defs
}

/// Marks the required fields that one direction never carries, when their type has a default:
/// readOnly ones of a type sent in a body, which `new` leaves at it ([`Field::defaulted`]), and
/// writeOnly ones, read as it when a response leaves them out ([`Field::read_default`]). A named
/// type has a default when it derives `Default` before this pass marks any field (a struct with
/// no required field); so does every other type but a form.
fn one_way_defaults(defs: &mut [TypeDef]) {
    let has_default: Vec<bool> = defs.iter().map(TypeDef::derives_default).collect();
    let has_default = |ty: &Ty| match ty {
        Ty::Named(id) => has_default[id.index()],
        Ty::Multipart => false,
        _ => true,
    };
    for t in defs.iter_mut() {
        let in_request = t.in_request;
        let TypeKind::Struct(fields) = &mut t.kind else { continue };
        for f in fields.iter_mut().filter(|f| f.presence == Presence::Required && has_default(&f.ty)) {
            f.defaulted = f.read_only && in_request;
            f.read_default = f.write_only;
        }
    }
}

/// What a definition lowers to: an enum when it lists values, a union when it has members, else
/// a struct (with no fields for an empty object). Its fields, variants or members are named,
/// unique within the type; `Other` is kept for values the spec does not list.
fn kind(def: &Def, type_names: &[String]) -> TypeKind {
    if !def.variants.is_empty() {
        let mut names = Uniquifier::with_reserved(&["Other"]);
        let variants = def
            .variants
            .iter()
            .map(|wire| Variant { wire: wire.clone(), name: names.take(&sanitize(wire, Case::Pascal), Case::Pascal) });
        return TypeKind::Enum(variants.collect());
    }
    if !def.alternatives.is_empty() {
        let mut names = Uniquifier::with_reserved(&["Other"]);
        let alternatives = def.alternatives.iter().enumerate().map(|(i, ty)| Alternative {
            name: names.take(&alternative_name(ty, type_names), Case::Pascal),
            ty: ty.clone(),
            tags: def.discriminator.as_ref().and_then(|d| d.tags.get(i).cloned()).unwrap_or_default(),
        });
        let tag = def.discriminator.as_ref().map(|d| d.property.clone());
        return TypeKind::Union { alternatives: alternatives.collect(), tag };
    }
    let mut unique = Uniquifier::default();
    // Setters are named from the wire name afresh, so `_1` (from `1`) gives `with_1`, not `with__1`.
    let mut setters = Uniquifier::with_reserved(&["new"]);
    let fields = def.fields.iter().map(|f| Field {
        wire: f.wire.clone(),
        name: RustName::new(unique.take(&sanitize(&f.wire, Case::Snake), Case::Snake)),
        setter: RustName::new(setters.take(&sanitize(&format!("with {}", f.wire), Case::Snake), Case::Snake)),
        ty: f.ty.clone(),
        boxed: f.boxed,
        presence: Presence::of(f.required, f.nullable),
        read_only: f.read_only,
        write_only: f.write_only,
        defaulted: false,
        read_default: false,
        doc: f.doc.clone(),
    });
    TypeKind::Struct(fields.collect())
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
        Ty::Named(id) => type_names[id.index()].clone(),
    }
}

/// The operations that use a type directly: one entry per method, statuses joined in order.
fn used_by(def: &Def, method_names: &[String]) -> Vec<TypeUse> {
    let mut by_op: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut uses: Vec<&(u64, Use)> = def.uses.iter().collect();
    uses.sort_by_key(|(seq, _)| *seq);
    for (_, u) in uses {
        let (op, role) = match u {
            Use::Body { op } => (*op, "request body".to_owned()),
            Use::Param { op, name } => (*op, format!("parameter `{name}`")),
            Use::Response { op, status, .. } => (*op, format!("`{status}`")),
            Use::Property { .. } => continue,
        };
        let roles = by_op.entry(op).or_default();
        if !roles.contains(&role) {
            roles.push(role);
        }
    }
    by_op
        .into_iter()
        .map(|(op, roles)| TypeUse { method: RustName::new(method_names[op].clone()), role: roles.join(", ") })
        .collect()
}

/// Boxes struct fields until no type contains itself by value. A reference back to a component
/// being converted is boxed as it is met; a cycle through unions or several types (Stripe's
/// `Price` → `product` union → `Product` → `default_price` union → `Price`) is found here, by
/// depth-first search over the by-value edges (fields not yet boxed, union members; lists and
/// maps are on the heap already), and broken at its last field. Repeated until a pass boxes
/// nothing, since breaking one cycle at a field it shares with the search path may leave another.
pub(super) fn box_cycles(types: &mut [TypeDef]) {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnPath,
        Done,
    }
    /// The by-value edges of a type: the field they come from (`None`: a union member) and target.
    fn edges(t: &TypeDef) -> Vec<(Option<usize>, TypeId)> {
        match &t.kind {
            TypeKind::Struct(fields) => fields
                .iter()
                .enumerate()
                .filter_map(|(i, f)| match f.ty {
                    Ty::Named(id) if !f.boxed => Some((Some(i), id)),
                    _ => None,
                })
                .collect(),
            TypeKind::Union { alternatives, .. } => alternatives
                .iter()
                .filter_map(|a| match a.ty {
                    Ty::Named(id) => Some((None, id)),
                    _ => None,
                })
                .collect(),
            TypeKind::Enum(_) => Vec::new(),
        }
    }
    /// The field `f` of struct `id`, which [`edges`] listed.
    fn field_mut(types: &mut [TypeDef], id: TypeId, f: usize) -> Option<&mut Field> {
        match &mut types[id].kind {
            TypeKind::Struct(fields) => fields.get_mut(f),
            _ => None,
        }
    }
    fn visit(types: &mut [TypeDef], id: TypeId, state: &mut [State], path: &mut Vec<(TypeId, Option<usize>)>) -> bool {
        state[id.index()] = State::OnPath;
        let mut boxed = false;
        for (field, target) in edges(&types[id]) {
            if field.is_some_and(|f| field_mut(types, id, f).is_some_and(|f| f.boxed)) {
                continue; // boxed while visiting an earlier edge
            }
            path.push((id, field));
            match state[target.index()] {
                State::OnPath => {
                    let start = path.iter().rposition(|(n, _)| *n == target).unwrap_or(0);
                    if let Some(&(n, Some(f))) = path[start..].iter().rev().find(|(_, f)| f.is_some())
                        && let Some(field) = field_mut(types, n, f)
                    {
                        field.boxed = true;
                        boxed = true;
                    }
                }
                State::New => boxed |= visit(types, target, state, path),
                State::Done => {}
            }
            path.pop();
        }
        state[id.index()] = State::Done;
        boxed
    }
    loop {
        let mut state = vec![State::New; types.len()];
        let mut boxed = false;
        for id in 0..types.len() {
            if state[id] == State::New {
                boxed |= visit(types, TypeId::new(id), &mut state, &mut Vec::new());
            }
        }
        if !boxed {
            return;
        }
    }
}
