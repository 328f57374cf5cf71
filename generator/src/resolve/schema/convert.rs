//! [`Converter`]: openapiv3 schemas of one merged document → [`Sch`], `$ref`s followed (the rules
//! are in [`crate::resolve::schema`]).

use std::collections::BTreeMap;

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, Components, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaKind, Type,
    VariantOrUnknownOrEmpty,
};

use super::elsewhere::{Elsewhere, mapping_is_ref};
use super::{Discriminator, IntFormat, Kind, NumFormat, Obj, Sch, name_hint};
use crate::diag::{Diagnostic, Location};
use crate::merge::Origins;
use crate::resolve::allof;
use crate::resolve::refs::{self, RefError};

/// Converts schemas of one merged document.
///
/// An object component is converted once: later references get a [`Kind::Ref`] to it (so a spec
/// whose schemas refer to each other thousands of times, like Stripe's, stays linear), and the
/// converted component is in [`Converter::table`]. Smaller components (enums, scalars, arrays)
/// are inlined where they are used.
pub struct Converter<'a> {
    components: Option<&'a Components>,
    /// Schemas reached by `$ref`s into other parts of the document (see [`super::schemas_elsewhere`]).
    elsewhere: Option<&'a Elsewhere>,
    origins: &'a Origins,
    /// `$ref`s being expanded right now (their targets' pointers), to spot recursion, each with
    /// the [`Converter::nesting`] it was expanded at.
    stack: Vec<(String, usize)>,
    /// How many properties, items and additional properties deep the conversion is. Recursion
    /// that comes back at the same nesting went only through `$ref`s, `allOf`, `oneOf` and
    /// `anyOf`: no value holds another, so the schema is defined only by itself.
    nesting: usize,
    /// Object components converted so far, by key.
    pub table: BTreeMap<String, Sch>,
    /// Keys added to `table` since [`Converter::take_new`] was last called.
    new: Vec<String>,
    /// Whether `allOf` members of different widths are refused ([`allof::Widths`]).
    strict: bool,
    /// What was read leniently (`allOf` members of different widths), each at its place.
    pub warnings: Vec<Diagnostic>,
}

/// A schema a `$ref` points at: the schema, its JSON pointer, and its name (a component's key, or
/// the last token of the pointer) and whether it is a component.
struct Found<'a> {
    schema: &'a ReferenceOr<Schema>,
    pointer: String,
    name: String,
    component: bool,
}

/// How deep schemas may nest before the input is refused (protects the stack).
const MAX_DEPTH: usize = 512;

impl<'a> Converter<'a> {
    pub fn new(components: Option<&'a Components>, origins: &'a Origins) -> Self {
        Converter {
            components,
            origins,
            elsewhere: None,
            stack: Vec::new(),
            nesting: 0,
            table: BTreeMap::new(),
            new: Vec::new(),
            strict: false,
            warnings: Vec::new(),
        }
    }

    /// Refuses what is otherwise read with a warning (`--strict`).
    pub fn with_strict(self, strict: bool) -> Self {
        Converter { strict, ..self }
    }

    /// Lets `$ref`s reach the schemas of `elsewhere` too.
    pub fn with_elsewhere(self, elsewhere: &'a Elsewhere) -> Self {
        Converter { elsewhere: Some(elsewhere), ..self }
    }

    /// The components converted since the last call, for the type space.
    pub fn take_new(&mut self) -> Vec<(String, Sch)> {
        std::mem::take(&mut self.new).into_iter().filter_map(|k| self.table.get(&k).map(|s| (k, s.clone()))).collect()
    }

    /// `sch` itself, or for a reference the component it stands for.
    pub fn expand(&self, sch: Sch) -> Sch {
        allof::expand(&self.table, sch)
    }

    /// Converts the schema found at `pointer` in the merged document.
    pub fn convert(&mut self, schema: &ReferenceOr<Schema>, pointer: &str) -> Result<Sch, Diagnostic> {
        self.convert_at(schema, pointer, 0)
    }

    fn convert_at(&mut self, schema: &ReferenceOr<Schema>, pointer: &str, depth: usize) -> Result<Sch, Diagnostic> {
        let loc = self.origins.locate(pointer);
        match schema {
            ReferenceOr::Item(s) => self.schema(s, pointer, depth),
            ReferenceOr::Reference { reference } => {
                let Found { schema: target, pointer: target_ptr, name: last, component } =
                    self.lookup(reference, &loc)?;
                // A component is keyed by its name; a schema elsewhere by its pointer (unique),
                // though named after its last token all the same.
                let key = if component { last.clone() } else { target_ptr.clone() };
                if let Some(start) = self.stack.iter().position(|(p, _)| *p == target_ptr) {
                    if self.stack[start].1 == self.nesting {
                        let steps: Vec<String> = self.stack[start..]
                            .iter()
                            .map(|(p, _)| p)
                            .chain([&target_ptr])
                            .map(|p| format!("#{p}"))
                            .collect();
                        return Err(Diagnostic::new(
                            loc,
                            format!(
                                "$ref cycle {}: there is no property or item in between, so the schema is only itself",
                                steps.join(" → ")
                            ),
                        )
                        .note("help: a schema may refer to itself only through a property, `items` or `additionalProperties`"));
                    }
                    // Recursion: refer to the component by its key; the type space boxes it.
                    return Ok(Sch { kind: Kind::Ref(key.clone()), component: Some(key), ..Sch::any(loc) });
                }
                if let Some(done) = self.table.get(&key) {
                    return Ok(reference_to(&key, done));
                }
                self.stack.push((target_ptr.clone(), self.nesting));
                let out = self.convert_at(target, &target_ptr, depth + 1);
                self.stack.pop();
                // A component is named by its key: `#/components/schemas/ApiKey` is `ApiKey`.
                let mut sch = out?;
                sch.name_hint = Some(last);
                sch.component = Some(key.clone());
                if matches!(&sch.kind, Kind::Object(o) if !o.props.is_empty()) {
                    let reference = reference_to(&key, &sch);
                    self.table.insert(key.clone(), sch);
                    self.new.push(key);
                    return Ok(reference);
                }
                Ok(sch)
            }
        }
    }

    /// The schema a `$ref` points at.
    fn lookup(&self, reference: &str, loc: &Location) -> Result<Found<'a>, Diagnostic> {
        let target = match refs::target(reference) {
            Ok(target) => target,
            Err(RefError::External) => return Err(external_ref(reference, loc)),
            Err(RefError::Invalid(message)) => return Err(Diagnostic::new(loc.clone(), message)),
        };
        let pointer = target.pointer();
        if let Some(name) = target.under(&["components", "schemas"]) {
            let Some(schema) = self.components.and_then(|c| c.schemas.get(name)) else {
                return Err(Diagnostic::new(loc.clone(), format!("$ref {reference:?} points at nothing")));
            };
            return Ok(Found { schema, pointer, name: name.to_owned(), component: true });
        }
        match self.elsewhere.and_then(|e| e.get(&pointer)) {
            Some(Ok(schema)) => {
                let name = target.tokens.last().cloned().unwrap_or_default();
                Ok(Found { schema, pointer, name, component: false })
            }
            Some(Err(why)) => Err(Diagnostic::new(loc.clone(), format!("$ref {reference:?} {why}"))),
            None => Err(Diagnostic::new(loc.clone(), format!("$ref {reference:?} does not point at a schema"))),
        }
    }

    /// Checks that every target of a `discriminator`'s `mapping` is a schema.
    fn check_mapping(&self, d: &openapiv3::Discriminator, pointer: &str) -> Result<(), Diagnostic> {
        let base = crate::diag::join_pointer(&crate::diag::join_pointer(pointer, "discriminator"), "mapping");
        for (value, target) in &d.mapping {
            let loc = self.origins.locate(&crate::diag::join_pointer(&base, value));
            let in_context =
                |d: Diagnostic| Diagnostic { message: format!("discriminator mapping {value:?}: {}", d.message), ..d };
            if mapping_is_ref(target) {
                self.lookup(target, &loc).map_err(in_context)?;
            } else if self.components.and_then(|c| c.schemas.get(target)).is_none() {
                return Err(Diagnostic::new(
                    loc,
                    format!("discriminator mapping {value:?}: schema {target:?} is not in #/components/schemas"),
                ));
            }
        }
        Ok(())
    }

    fn boxed(&mut self, schema: &ReferenceOr<Box<Schema>>, pointer: &str, depth: usize) -> Result<Sch, Diagnostic> {
        match schema {
            ReferenceOr::Item(s) => self.schema(s, pointer, depth + 1),
            ReferenceOr::Reference { reference } => {
                self.convert_at(&ReferenceOr::Reference { reference: reference.clone() }, pointer, depth + 1)
            }
        }
    }

    fn schema(&mut self, s: &Schema, pointer: &str, depth: usize) -> Result<Sch, Diagnostic> {
        if depth > MAX_DEPTH {
            let loc = self.origins.locate(pointer);
            return Err(Diagnostic::new(loc, format!("schema nests more than {MAX_DEPTH} levels deep")));
        }
        let data = &s.schema_data;
        let mut out = Sch {
            title: data.title.clone(),
            description: data.description.clone(),
            nullable: data.nullable,
            read_only: data.read_only,
            write_only: data.write_only,
            ..Sch::any(self.origins.locate(pointer))
        };
        if let Some(d) = &data.discriminator {
            self.check_mapping(d, pointer)?;
        }
        let join = |key: &str| crate::diag::join_pointer(pointer, key);
        match &s.schema_kind {
            SchemaKind::Type(t) => {
                out.binary = matches!(t, Type::String(st) if is_binary(&st.format));
                out.kind = self.typed(t, pointer, depth)?;
                out.enumeration = enum_values(t);
                out.constraints = type_constraints(t);
            }
            SchemaKind::AllOf { all_of } => {
                let members = self.all_of_members(all_of, &join("allOf"), depth)?;
                out = self.merge_all_of(out, members)?;
            }
            SchemaKind::OneOf { one_of } | SchemaKind::AnyOf { any_of: one_of }
                if let Some(note) = required_alternatives(one_of) =>
            {
                out.constraints.push(note);
            }
            SchemaKind::OneOf { one_of } => {
                let members = self.members(one_of, &join("oneOf"), depth)?;
                out.discriminator = discriminator(data.discriminator.as_ref(), one_of);
                out.kind = Kind::OneOf(members);
            }
            SchemaKind::AnyOf { any_of } => {
                let members = self.members(any_of, &join("anyOf"), depth)?;
                out.discriminator = discriminator(data.discriminator.as_ref(), any_of);
                out.kind = Kind::OneOf(members);
            }
            // A value that is anything but what `not` describes: any JSON, with what it excludes
            // in the docs (`not: {}`, a property that must stay absent, excludes everything).
            SchemaKind::Not { not } => out.constraints.push(not_constraint(not)),
            SchemaKind::Any(any) => out = self.any(out, any, data.discriminator.as_ref(), pointer, depth)?,
        }
        if out.name_hint.is_none() {
            out.name_hint = name_hint(&out.title, &out.description);
        }
        if let Some(default) = &data.default {
            out.constraints.push(format!("default `{default}`"));
        }
        if data.deprecated {
            out.constraints.push("deprecated".into());
        }
        Ok(out)
    }

    fn members(&mut self, list: &[ReferenceOr<Schema>], pointer: &str, depth: usize) -> Result<Vec<Sch>, Diagnostic> {
        list.iter()
            .enumerate()
            .map(|(i, m)| self.convert_at(m, &crate::diag::join_pointer(pointer, &i.to_string()), depth + 1))
            .collect()
    }

    /// `allOf` members with references expanded: merging needs their properties.
    fn all_of_members(
        &mut self,
        list: &[ReferenceOr<Schema>],
        pointer: &str,
        depth: usize,
    ) -> Result<Vec<Sch>, Diagnostic> {
        Ok(self.members(list, pointer, depth)?.into_iter().map(|m| self.expand(m)).collect())
    }

    /// `member` with `names` required, when it is an object that has them as optional
    /// properties: then a shape of its own (no longer its component's). Otherwise as it is.
    fn require(&self, member: Sch, names: &[String]) -> Sch {
        let mut expanded = self.expand(member.clone());
        let Kind::Object(obj) = &mut expanded.kind else { return member };
        let missing: Vec<String> =
            names.iter().filter(|n| obj.props.contains_key(*n) && !obj.required.contains(*n)).cloned().collect();
        if missing.is_empty() {
            return member;
        }
        obj.required.extend(missing);
        expanded.component = None;
        expanded
    }

    fn typed(&mut self, t: &Type, pointer: &str, depth: usize) -> Result<Kind, Diagnostic> {
        Ok(match t {
            Type::String(_) => Kind::String,
            Type::Boolean(_) => Kind::Bool,
            Type::Integer(i) => Kind::Integer(int_format(&i.format)),
            Type::Number(n) => Kind::Number(num_format(&n.format)),
            Type::Array(a) => Kind::Array(Box::new(self.items(a.items.as_ref(), pointer, depth)?)),
            Type::Object(o) => Kind::Object(Obj {
                props: self.props(&o.properties, pointer, depth)?,
                required: o.required.iter().cloned().collect(),
                additional: self.additional(o.additional_properties.as_ref(), pointer, depth)?,
            }),
        })
    }

    fn items(
        &mut self,
        items: Option<&ReferenceOr<Box<Schema>>>,
        pointer: &str,
        depth: usize,
    ) -> Result<Sch, Diagnostic> {
        let ptr = crate::diag::join_pointer(pointer, "items");
        self.nesting += 1;
        let out = match items {
            Some(items) => self.boxed(items, &ptr, depth),
            None => Ok(Sch::any(self.origins.locate(&ptr))),
        };
        self.nesting -= 1;
        out
    }

    fn props(
        &mut self,
        props: &IndexMap<String, ReferenceOr<Box<Schema>>>,
        pointer: &str,
        depth: usize,
    ) -> Result<IndexMap<String, Sch>, Diagnostic> {
        let base = crate::diag::join_pointer(pointer, "properties");
        self.nesting += 1;
        let out = props
            .iter()
            .map(|(name, p)| Ok((name.clone(), self.boxed(p, &crate::diag::join_pointer(&base, name), depth)?)))
            .collect();
        self.nesting -= 1;
        out
    }

    fn additional(
        &mut self,
        additional: Option<&AdditionalProperties>,
        pointer: &str,
        depth: usize,
    ) -> Result<Option<Box<Sch>>, Diagnostic> {
        let ptr = crate::diag::join_pointer(pointer, "additionalProperties");
        let s = match additional {
            None | Some(AdditionalProperties::Any(false)) => return Ok(None),
            Some(AdditionalProperties::Any(true)) => return Ok(Some(Box::new(Sch::any(self.origins.locate(&ptr))))),
            Some(AdditionalProperties::Schema(s)) => s,
        };
        self.nesting += 1;
        let out = match s.as_ref() {
            ReferenceOr::Item(s) => self.schema(s, &ptr, depth + 1),
            ReferenceOr::Reference { reference } => {
                self.convert_at(&ReferenceOr::Reference { reference: reference.clone() }, &ptr, depth + 1)
            }
        };
        self.nesting -= 1;
        Ok(Some(Box::new(out?)))
    }

    /// A schema that mixes keywords openapiv3 keeps apart, e.g. `type: object` next to `allOf`.
    fn any(
        &mut self,
        mut out: Sch,
        any: &AnySchema,
        discriminator_of: Option<&openapiv3::Discriminator>,
        pointer: &str,
        depth: usize,
    ) -> Result<Sch, Diagnostic> {
        let alternatives = match (any.one_of.is_empty(), any.any_of.is_empty()) {
            (true, true) => None,
            (false, true) => Some((&any.one_of, "oneOf")),
            (true, false) => Some((&any.any_of, "anyOf")),
            (false, false) => return Err(unsupported(&out.loc, "oneOf together with anyOf")),
        };
        let mut extra_members = Vec::new();
        let alternatives = match alternatives {
            Some((list, _)) if let Some(note) = required_alternatives(list) => {
                out.constraints.push(note);
                None
            }
            other => other,
        };
        if let Some((list, key)) = alternatives {
            let members = self.members(list, &crate::diag::join_pointer(pointer, key), depth)?;
            // `type: object` beside a list of objects is decoration; properties or allOf are not.
            let beside = !any.properties.is_empty() || !any.all_of.is_empty();
            if !beside {
                let mut members = members;
                // `items` beside the list only speaks of the values that are arrays: it gives
                // the items of array members that leave them open (`items: {}`).
                if any.items.is_some() {
                    let items = self.items(any.items.as_ref(), pointer, depth)?;
                    for m in &mut members {
                        if let Kind::Array(inner) = &mut m.kind
                            && matches!(inner.kind, Kind::Any)
                        {
                            **inner = items.clone();
                        }
                    }
                }
                // The outer `required` holds whichever member the value is: it makes those
                // properties of each object member required there (a member used elsewhere keeps
                // its own shape), so collapsing a single member cannot lose it.
                if !any.required.is_empty() {
                    members = members.into_iter().map(|m| self.require(m, &any.required)).collect();
                }
                out.discriminator = discriminator(discriminator_of, list);
                out.kind = Kind::OneOf(members);
                return Ok(out);
            }
            // Beside properties, a list of objects adds properties that only some values have:
            // they are merged in as optional; members that only restate `required` add nothing.
            let members: Vec<Sch> = members.into_iter().map(|m| self.expand(m)).collect();
            if members.iter().any(|m| !matches!(m.kind, Kind::Object(_) | Kind::Any)) {
                return Err(unsupported(&out.loc, &format!("{key} of non-objects beside properties")));
            }
            extra_members = members;
        }
        out.enumeration = any.enumeration.clone();
        out.constraints.extend(any_constraints(any));
        // `not` beside a type narrows it: the type stands, and the docs say what is excluded.
        if let Some(not) = &any.not {
            out.constraints.push(not_constraint(not));
        }
        let typ = match self.enum_values_type(any, pointer)? {
            Some(read) => Some(read),
            None => any.typ.as_deref(),
        };
        // Object keywords make an untyped schema an object; beside another declared type they
        // apply to no value of it (Spotify writes `{type: string, additionalProperties: true}`).
        let is_object = typ == Some("object")
            || (typ.is_none() && (!any.properties.is_empty() || any.additional_properties.is_some()));
        out.kind = match typ {
            _ if is_object => Kind::Object(Obj {
                props: self.props(&any.properties, pointer, depth)?,
                required: any.required.iter().cloned().collect(),
                additional: self.additional(any.additional_properties.as_ref(), pointer, depth)?,
            }),
            Some("array") => Kind::Array(Box::new(self.items(any.items.as_ref(), pointer, depth)?)),
            Some("string") => Kind::String,
            Some("boolean") => Kind::Bool,
            Some("integer") => Kind::Integer(match any.format.as_deref() {
                Some("int32") => IntFormat::Int32,
                Some("int64") => IntFormat::Int64,
                _ => IntFormat::Unspecified,
            }),
            Some("number") => Kind::Number(match any.format.as_deref() {
                Some("float") => NumFormat::Float,
                Some("double") => NumFormat::Double,
                _ => NumFormat::Unspecified,
            }),
            None => Kind::Any,
            Some(other) => {
                let loc = self.origins.locate(&crate::diag::join_pointer(pointer, "type"));
                return Err(Diagnostic::new(loc, format!("unknown schema type {other:?}")));
            }
        };
        if let Kind::Object(obj) = &mut out.kind {
            for member in extra_members {
                if let Kind::Object(m) = member.kind {
                    for (name, prop) in m.props {
                        obj.props.entry(name).or_insert(prop);
                    }
                }
            }
        }
        if any.all_of.is_empty() {
            return Ok(out);
        }
        let members = self.all_of_members(&any.all_of, &crate::diag::join_pointer(pointer, "allOf"), depth)?;
        self.merge_all_of(out, members)
    }

    /// For `type: string` whose every `enum` value is a number or every one a boolean (Zoom's
    /// `{type: string, enum: [0, 1]}`, which no value satisfies): the values' type, which servers
    /// send, with a warning (an error when strict). `None`: the declared type stands.
    fn enum_values_type(&mut self, any: &AnySchema, pointer: &str) -> Result<Option<&'static str>, Diagnostic> {
        let values = &any.enumeration;
        if any.typ.as_deref() != Some("string") || values.is_empty() {
            return Ok(None);
        }
        let (read, shown) = if values.iter().all(|v| v.is_i64() || v.is_u64()) {
            ("integer", "an integer")
        } else if values.iter().all(serde_json::Value::is_number) {
            ("number", "a number")
        } else if values.iter().all(serde_json::Value::is_boolean) {
            ("boolean", "a boolean")
        } else {
            return Ok(None);
        };
        let loc = self.origins.locate(&crate::diag::join_pointer(pointer, "type"));
        let d = Diagnostic::new(loc, format!("`type: string`, but every `enum` value is {shown}: read as {shown}"));
        if self.strict {
            return Err(
                d.note("help: without `--strict` (or `strict = true` in apigen.toml), apigen reads this as said")
            );
        }
        self.warnings.push(d);
        Ok(Some(read))
    }

    /// `out` merged with its `allOf` members ([`allof::merge`]), members of different widths
    /// refused when strict, else read as the wider with a warning.
    fn merge_all_of(&mut self, out: Sch, members: Vec<Sch>) -> Result<Sch, Diagnostic> {
        let mut widths = if self.strict { allof::Widths::Refused } else { allof::Widths::Widened(&mut self.warnings) };
        allof::merge(out, members, &self.table, &mut widths)
    }
}

/// The tags of each member: the `mapping` entries that point at it, else (for a `$ref` member)
/// its component key. `None` when a member has no tag: the union is then decoded untagged.
fn discriminator(d: Option<&openapiv3::Discriminator>, members: &[ReferenceOr<Schema>]) -> Option<Discriminator> {
    let d = d?;
    // Where each mapping entry points (a schema name is a component's), as a JSON pointer.
    let pointer_of = |r: &str| refs::target(r).ok().map(|t| t.pointer());
    let mapping: Vec<(&String, Option<String>)> = d
        .mapping
        .iter()
        .map(|(value, target)| {
            let pointer = match mapping_is_ref(target) {
                true => pointer_of(target),
                false => Some(crate::diag::join_pointer("/components/schemas", target)),
            };
            (value, pointer)
        })
        .collect();
    let mut tags = Vec::new();
    for m in members {
        let ReferenceOr::Reference { reference } = m else { return None };
        let target = refs::target(reference).ok()?;
        let pointer = Some(target.pointer());
        let mut mine: Vec<String> =
            mapping.iter().filter(|(_, p)| *p == pointer).map(|(value, _)| (*value).clone()).collect();
        if mine.is_empty() {
            mine.push(target.tokens.last().cloned().unwrap_or_default());
        }
        tags.push(mine);
    }
    Some(Discriminator { property: d.property_name.clone(), tags })
}

/// A reference to an object component already converted: its docs and flags, and its key.
fn reference_to(key: &str, component: &Sch) -> Sch {
    Sch { kind: Kind::Ref(key.to_owned()), ..component.clone_without_kind() }
}

/// Bounds and the like of a typed schema, as doc text.
fn type_constraints(t: &Type) -> Vec<String> {
    let mut out = Vec::new();
    let bound = |out: &mut Vec<String>, min: Option<String>, max: Option<String>, excl_min: bool, excl_max: bool| {
        if let Some(min) = min {
            out.push(format!("`{} {min}`", if excl_min { ">" } else { ">=" }));
        }
        if let Some(max) = max {
            out.push(format!("`{} {max}`", if excl_max { "<" } else { "<=" }));
        }
    };
    match t {
        Type::Integer(i) => bound(
            &mut out,
            i.minimum.map(|v| v.to_string()),
            i.maximum.map(|v| v.to_string()),
            i.exclusive_minimum,
            i.exclusive_maximum,
        ),
        Type::Number(n) => bound(
            &mut out,
            n.minimum.map(|v| v.to_string()),
            n.maximum.map(|v| v.to_string()),
            n.exclusive_minimum,
            n.exclusive_maximum,
        ),
        Type::String(st) => {
            if let VariantOrUnknownOrEmpty::Item(f) = &st.format {
                out.push(format!(
                    "format `{}`",
                    serde_json::to_value(f).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
                ));
            } else if let VariantOrUnknownOrEmpty::Unknown(f) = &st.format {
                out.push(format!("format `{f}`"));
            }
            lengths(&mut out, "length", st.min_length, st.max_length);
            if let Some(p) = &st.pattern {
                out.push(format!("pattern `{p}`"));
            }
        }
        Type::Array(a) => lengths(&mut out, "items", a.min_items, a.max_items),
        Type::Object(_) | Type::Boolean(_) => {}
    }
    out
}

/// A `oneOf`/`anyOf` whose members only say which properties must be present (DigitalOcean's
/// `anyOf: [{required: [name]}, {required: [names]}]`: one of several is required): no shape of its
/// own, so the schema is the rest of it (the object it sits in, or the `allOf` it is a member
/// of), and the docs say what is required. `None` for any other list.
fn required_alternatives(list: &[ReferenceOr<Schema>]) -> Option<String> {
    let sets = list
        .iter()
        .map(|member| match member {
            ReferenceOr::Item(Schema { schema_kind: SchemaKind::Any(any), .. })
                if !any.required.is_empty()
                    && AnySchema { required: Vec::new(), ..any.clone() } == AnySchema::default() =>
            {
                Some(any.required.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(" and "))
            }
            _ => None,
        })
        .collect::<Option<Vec<String>>>()?;
    (!sets.is_empty()).then(|| format!("requires {}", sets.join(", or ")))
}

/// What a `not` schema excludes, as a constraint in the docs: `not a string`, ``not one of
/// `"admin"` ``, `no value at all` for `not: {}`.
fn not_constraint(not: &ReferenceOr<Schema>) -> String {
    let schema = match not {
        ReferenceOr::Reference { reference } => return format!("not `{reference}`"),
        ReferenceOr::Item(schema) => schema,
    };
    let one_of = |values: Vec<String>| format!("not one of {}", values.join(", "));
    let quoted = |v: &serde_json::Value| format!("`{v}`");
    match &schema.schema_kind {
        SchemaKind::Any(any) if *any == AnySchema::default() => "no value at all (`not: {}`): leave it unset".into(),
        SchemaKind::Any(any) if !any.enumeration.is_empty() => one_of(any.enumeration.iter().map(quoted).collect()),
        SchemaKind::Type(Type::String(st)) if !st.enumeration.is_empty() => {
            one_of(st.enumeration.iter().map(|v| quoted(&serde_json::json!(v))).collect())
        }
        SchemaKind::Type(t) => format!(
            "not {}",
            match t {
                Type::String(_) => "a string",
                Type::Number(_) => "a number",
                Type::Integer(_) => "an integer",
                Type::Object(_) => "an object",
                Type::Array(_) => "an array",
                Type::Boolean(_) => "a boolean",
            }
        ),
        _ => "not what its `not` schema describes".into(),
    }
}

fn any_constraints(any: &AnySchema) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(min) = any.minimum {
        out.push(format!("`{} {min}`", if any.exclusive_minimum == Some(true) { ">" } else { ">=" }));
    }
    if let Some(max) = any.maximum {
        out.push(format!("`{} {max}`", if any.exclusive_maximum == Some(true) { "<" } else { "<=" }));
    }
    lengths(&mut out, "length", any.min_length, any.max_length);
    lengths(&mut out, "items", any.min_items, any.max_items);
    if let Some(p) = &any.pattern {
        out.push(format!("pattern `{p}`"));
    }
    out
}

fn lengths(out: &mut Vec<String>, what: &str, min: Option<usize>, max: Option<usize>) {
    match (min, max) {
        (Some(a), Some(b)) => out.push(format!("{what} {a}..={b}")),
        (Some(a), None) => out.push(format!("{what} >= {a}")),
        (None, Some(b)) => out.push(format!("{what} <= {b}")),
        (None, None) => {}
    }
}

fn enum_values(t: &Type) -> Vec<serde_json::Value> {
    fn values<T: serde::Serialize>(list: &[Option<T>]) -> Vec<serde_json::Value> {
        list.iter().map(|v| serde_json::to_value(v).unwrap_or_default()).collect()
    }
    match t {
        Type::String(s) => values(&s.enumeration),
        Type::Integer(i) => values(&i.enumeration),
        Type::Number(n) => values(&n.enumeration),
        Type::Boolean(b) => values(&b.enumeration),
        Type::Object(_) | Type::Array(_) => Vec::new(),
    }
}

/// `other.json#/components/schemas/X`: all spec files are merged, so such a reference is never needed.
pub(crate) fn external_ref(reference: &str, loc: &Location) -> Diagnostic {
    let file = reference.split('#').next().unwrap_or_default();
    Diagnostic::new(loc.clone(), format!("external $ref {reference:?} (to file {file:?}) is not supported"))
        .note("help: every spec file is merged into one document; refer to `#/components/...` and define the component in any spec file")
}

fn unsupported(loc: &Location, what: &str) -> Diagnostic {
    Diagnostic::new(loc.clone(), format!("`{what}` schemas are not supported yet"))
        .note("help: describe the value with a plain object, array or scalar schema, or open an issue with this spec")
}

fn int_format(f: &VariantOrUnknownOrEmpty<IntegerFormat>) -> IntFormat {
    match f {
        VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => IntFormat::Int32,
        VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64) => IntFormat::Int64,
        _ => IntFormat::Unspecified,
    }
}

fn num_format(f: &VariantOrUnknownOrEmpty<NumberFormat>) -> NumFormat {
    match f {
        VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => NumFormat::Float,
        VariantOrUnknownOrEmpty::Item(NumberFormat::Double) => NumFormat::Double,
        _ => NumFormat::Unspecified,
    }
}

/// Whether a string's `format` says bytes: `binary` (a file in a multipart form).
fn is_binary(format: &VariantOrUnknownOrEmpty<openapiv3::StringFormat>) -> bool {
    match format {
        VariantOrUnknownOrEmpty::Item(f) => *f == openapiv3::StringFormat::Binary,
        VariantOrUnknownOrEmpty::Unknown(f) => f == "binary",
        VariantOrUnknownOrEmpty::Empty => false,
    }
}
