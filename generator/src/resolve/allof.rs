//! `allOf` resolution: a schema and its `allOf` members → one flat schema.
//!
//! Pure; one rule per case, each with a test below:
//! - **properties** are the union of all members'; a property named by several members is merged
//!   by the same rules, recursively;
//! - **required** is the union of all members' lists, in first-seen order;
//! - **`{}` yields**: an empty schema next to a typed one takes the typed one (type, format,
//!   description, location). This is how the seed specs re-list `status: {}` in a second member;
//! - **scalars** must agree on their type; an integer or number format meets "no format" as the
//!   format, two different formats are a conflict;
//! - **flags**: `readOnly`/`writeOnly` hold if any member says so; `nullable` only if every typed
//!   member allows null;
//! - **additionalProperties**: `false` is treated as absent (responses must tolerate new fields); two
//!   map schemas merge;
//! - **docs**: the outer schema's title and description win; otherwise a description given by only
//!   one member is kept, and several different ones are joined. A member's title or noun-phrase
//!   description names the result only when that member is the only one that contributes anything,
//!   so "record + extra key" is never named after the record alone;
//! - **widths**: members that differ only in width (`int32` and `int64`, `float` and `double`,
//!   `integer` and `number`) are read as the wider, which holds the values of both, with a warning
//!   that points at both; with `--strict` ([`Widths::Refused`]) they are a conflict;
//! - anything else (string vs integer, object vs array) is a diagnostic that points at both
//!   members.

use std::collections::BTreeMap;

use super::schema::{Kind, Obj, Sch, name_hint};

/// Converted object components by key, to expand references met while merging.
pub type Table = BTreeMap<String, Sch>;

/// `s` itself, or for a reference the component it stands for.
pub(super) fn expand(table: &Table, s: Sch) -> Sch {
    match &s.kind {
        Kind::Ref(key) => table.get(key).cloned().unwrap_or(s),
        _ => s,
    }
}
use crate::diag::Diagnostic;
use crate::resolve::schema::{IntFormat, NumFormat};

/// How members whose scalar types differ only in width are merged.
pub enum Widths<'w> {
    /// Refused, as a conflict (`--strict`).
    Refused,
    /// Read as the wider type, each time said here (a warning).
    Widened(&'w mut Vec<Diagnostic>),
}

/// Merges `outer` (the schema that holds the `allOf`, minus the `allOf` itself) with its members.
pub fn merge(outer: Sch, members: Vec<Sch>, table: &Table, widths: &mut Widths) -> Result<Sch, Diagnostic> {
    let outer_hint = name_hint(&outer.title, &outer.description);
    let (outer_title, outer_description, outer_loc) =
        (outer.title.clone(), outer.description.clone(), outer.loc.clone());

    let contributors: Vec<&Sch> = members.iter().filter(|m| contributes(m)).collect();
    let member_hint = match contributors.as_slice() {
        [only] => only.name_hint.clone(),
        _ => None,
    };
    // Each different description once, in order (a set beside the list: an `allOf` of many
    // members stays linear).
    let mut seen = std::collections::BTreeSet::new();
    let descriptions: Vec<&String> =
        members.iter().filter_map(|m| m.description.as_ref()).filter(|d| seen.insert(*d)).collect();
    let member_description =
        (!descriptions.is_empty()).then(|| descriptions.iter().map(|d| d.as_str()).collect::<Vec<_>>().join("\n\n"));
    let member_title = match contributors.as_slice() {
        [only] => only.title.clone(),
        _ => None,
    };
    // `allOf: [{$ref: X}]` (often with a description beside it) is X itself.
    let member_component = match (contributors.as_slice(), contributes(&outer)) {
        ([only], false) => only.component.clone(),
        _ => None,
    };
    let outer_component = outer.component.clone();
    // `nullable: true` beside `allOf` makes the whole nullable: OpenAPI 3.0's way to write a
    // nullable reference (`allOf: [$ref]`), and 3.1's `anyOf: [$ref, {type: null}]` read in 3.0
    // form. Merged member by member, the members' `nullable: false` would win.
    let outer_nullable = outer.nullable;

    let mut acc = outer;
    for m in members {
        acc = merge_two(acc, m, table, widths)?;
    }
    acc.loc = outer_loc;
    acc.component = outer_component.or(member_component);
    acc.title = outer_title.or(member_title);
    acc.description = outer_description.or(member_description);
    acc.name_hint = outer_hint.or(member_hint);
    acc.nullable |= outer_nullable;
    Ok(acc)
}

/// Whether a member adds anything: a type other than "anything" or an object with content.
fn contributes(s: &Sch) -> bool {
    match &s.kind {
        Kind::Any => false,
        Kind::Object(o) => !o.props.is_empty() || o.additional.is_some(),
        _ => true,
    }
}

/// Both `a` and `b` must hold: the flat schema that says so.
pub fn merge_two(a: Sch, b: Sch, table: &Table, widths: &mut Widths) -> Result<Sch, Diagnostic> {
    // A reference to a component is merged as the component (one level: its own properties
    // stay references until they meet something to merge with).
    let (mut a, mut b) = match (&a.kind, &b.kind) {
        (Kind::Ref(x), Kind::Ref(y)) if x == y => return Ok(a),
        (Kind::Ref(_), _) | (_, Kind::Ref(_)) => (expand(table, a), expand(table, b)),
        _ => (a, b),
    };
    // A member that is only constraints (`minLength: 3`, `anyOf` of `required` lists) keeps them.
    let constraints = |a: &Sch, b: &Sch| {
        let mut c = a.constraints.clone();
        c.extend(b.constraints.iter().filter(|x| !a.constraints.contains(x)).cloned());
        c
    };
    // Both lists must hold: the values in both, or the one list given.
    let enumeration = match (a.enumeration.is_empty(), b.enumeration.is_empty()) {
        (false, false) => common_values(&a.enumeration, &b.enumeration),
        (false, true) => std::mem::take(&mut a.enumeration),
        _ => std::mem::take(&mut b.enumeration),
    };
    // `{}` with no docs yields to the other side, keeping its flags, constraints and values.
    let yields = |s: &Sch| s.kind == Kind::Any && is_bare(s);
    if yields(&a) || yields(&b) {
        let (bare, kept) = if yields(&a) { (a, b) } else { (b, a) };
        return Ok(Sch {
            read_only: bare.read_only || kept.read_only,
            write_only: bare.write_only || kept.write_only,
            binary: bare.binary || kept.binary,
            constraints: constraints(&kept, &bare),
            enumeration,
            ..kept
        });
    }
    let conflict = |what: String| {
        Diagnostic::new(b.loc.clone(), format!("allOf members cannot be merged: {what}"))
            .note_at("the other member", a.loc.clone())
    };
    // Members that differ only in width: the wider, said as a warning, or with `--strict` the
    // conflict.
    let mut widen = |what: String, wider: Kind, word: &str| match widths {
        Widths::Refused => Err(conflict(what)),
        Widths::Widened(warnings) => {
            warnings.push(
                Diagnostic::new(
                    b.loc.clone(),
                    format!("allOf members differ in width: {what}; read as {word}, which holds the values of both"),
                )
                .note_at("the other member", a.loc.clone())
                .note("help: `--strict` refuses this"),
            );
            Ok(wider)
        }
    };
    // Read before the kinds are taken: `a`, the members merged so far, is not copied at each
    // member (an `allOf` of many members stays linear).
    let nullable = match (&a.kind, &b.kind) {
        (Kind::Any, _) => b.nullable,
        (_, Kind::Any) => a.nullable,
        _ => a.nullable && b.nullable,
    };
    let words = (a.kind.word(), b.kind.word());
    let kind = match (std::mem::replace(&mut a.kind, Kind::Any), std::mem::replace(&mut b.kind, Kind::Any)) {
        (Kind::Any, k) | (k, Kind::Any) => k,
        (Kind::Object(x), Kind::Object(y)) => Kind::Object(merge_objects(x, y, table, widths)?),
        (Kind::Array(x), Kind::Array(y)) => Kind::Array(Box::new(merge_two(*x, *y, table, widths)?)),
        (Kind::Integer(f), Kind::Integer(g)) => match pick_format(f, g, IntFormat::Unspecified) {
            Some(f) => Kind::Integer(f),
            None => widen(
                format!("integer formats `{}` and `{}` differ", f.spec_name(), g.spec_name()),
                Kind::Integer(IntFormat::Int64),
                "`int64`",
            )?,
        },
        (Kind::Number(f), Kind::Number(g)) => match pick_format(f, g, NumFormat::Unspecified) {
            Some(f) => Kind::Number(f),
            None => widen(
                format!("number formats `{}` and `{}` differ", f.spec_name(), g.spec_name()),
                Kind::Number(NumFormat::Double),
                "`double`",
            )?,
        },
        // A number that is also an integer: a number (a `double`, for a `float`).
        (Kind::Integer(_), Kind::Number(n)) | (Kind::Number(n), Kind::Integer(_)) => widen(
            format!("{} here, {} in the other", words.1, words.0),
            Kind::Number(if n == NumFormat::Float { NumFormat::Double } else { n }),
            "a number",
        )?,
        // Two lists of alternatives (often the same component's list, restated): a value is one
        // of the members both lists have.
        (Kind::OneOf(x), Kind::OneOf(y)) => {
            let both: Vec<Sch> = x.iter().filter(|m| y.iter().any(|n| same_member(m, n))).cloned().collect();
            if both.is_empty() {
                return Err(conflict("oneOf lists with no member in common".into()));
            }
            Kind::OneOf(both)
        }
        (Kind::String, Kind::String) => Kind::String,
        (Kind::Bool, Kind::Bool) => Kind::Bool,
        (x, y) => {
            return Err(conflict(format!("{} here, {} in the other", y.word(), x.word())));
        }
    };
    let constraints = constraints(&a, &b);
    Ok(Sch {
        loc: a.loc,
        enumeration,
        discriminator: a.discriminator.or(b.discriminator),
        // Two different schemas merged are neither component any more.
        component: if a.component == b.component { a.component } else { None },
        constraints,
        title: a.title.or(b.title),
        description: a.description.or(b.description),
        kind,
        nullable,
        read_only: a.read_only || b.read_only,
        write_only: a.write_only || b.write_only,
        name_hint: a.name_hint.or(b.name_hint),
        binary: a.binary || b.binary,
    })
}

/// Whether two members of `oneOf` lists are the same alternative: a reference to the same
/// component, or the same scalar type (inline objects carry where they are written, so two
/// copies are not taken for one).
fn same_member(a: &Sch, b: &Sch) -> bool {
    a.kind == b.kind && a.nullable == b.nullable && a.enumeration == b.enumeration
}

/// `{}` with no docs and no flags: yields entirely to the other side.
fn is_bare(s: &Sch) -> bool {
    s.title.is_none() && s.description.is_none() && !s.nullable
}

fn pick_format<F: PartialEq + Copy>(f: F, g: F, unspecified: F) -> Option<F> {
    if f == g || g == unspecified {
        Some(f)
    } else if f == unspecified {
        Some(g)
    } else {
        None
    }
}

/// The values of `a` that `b` also lists, in `a`'s order. A scalar is looked up by its JSON
/// text (equal scalars print alike, unequal ones apart: `1` and `1.0` stay different values, as
/// they compare), so two long `enum`s intersect in n log n time; an array or object, rare in an
/// `enum` and equal whatever its keys' order, is compared with each of `b`'s.
fn common_values(a: &[serde_json::Value], b: &[serde_json::Value]) -> Vec<serde_json::Value> {
    use serde_json::Value;
    let text = |v: &Value| (!matches!(v, Value::Array(_) | Value::Object(_))).then(|| v.to_string());
    let scalars: std::collections::BTreeSet<String> = b.iter().filter_map(text).collect();
    a.iter()
        .filter(|v| match text(v) {
            Some(t) => scalars.contains(&t),
            None => b.contains(v),
        })
        .cloned()
        .collect()
}

fn merge_objects(mut x: Obj, y: Obj, table: &Table, widths: &mut Widths) -> Result<Obj, Diagnostic> {
    for (name, schema) in y.props {
        match x.props.get_mut(&name) {
            Some(slot) => *slot = merge_two(slot.clone(), schema, table, widths)?,
            None => {
                x.props.insert(name, schema);
            }
        }
    }
    x.required.extend(y.required);
    x.additional = match (x.additional, y.additional) {
        (Some(a), Some(b)) => Some(Box::new(merge_two(*a, *b, table, widths)?)),
        (a, b) => a.or(b),
    };
    Ok(x)
}

#[cfg(test)]
mod tests {
    use indexmap::IndexMap;

    use super::*;
    use crate::diag::Location;

    fn sch(ptr: &str, kind: Kind) -> Sch {
        Sch { kind, ..Sch::any(Location::new("f.json", ptr)) }
    }

    fn described(mut s: Sch, d: &str) -> Sch {
        s.description = Some(d.into());
        s.name_hint = super::name_hint(&None, &s.description);
        s
    }

    fn object(ptr: &str, props: Vec<(&str, Sch)>, required: &[&str]) -> Sch {
        sch(
            ptr,
            Kind::Object(Obj {
                props: props.into_iter().map(|(k, v)| (k.to_string(), v)).collect::<IndexMap<_, _>>(),
                required: required.iter().map(|s| s.to_string()).collect(),
                additional: None,
            }),
        )
    }

    fn props(s: &Sch) -> &Obj {
        match &s.kind {
            Kind::Object(o) => o,
            other => panic!("not an object: {other:?}"),
        }
    }

    #[test]
    fn properties_and_required_are_unions() {
        let a = object("/a", vec![("x", sch("/a/x", Kind::String))], &["x"]);
        let b = object("/b", vec![("y", sch("/b/y", Kind::Bool))], &["y"]);
        let m = merge(sch("/", Kind::Any), vec![a, b], &Table::new(), &mut Widths::Refused).unwrap();
        let o = props(&m);
        assert_eq!(o.props.keys().collect::<Vec<_>>(), ["x", "y"]);
        assert_eq!(o.required.iter().collect::<Vec<_>>(), ["x", "y"]);
    }

    #[test]
    fn enums_intersect_in_the_first_members_order_comparing_values_as_json_does() {
        let values = |v: serde_json::Value| v.as_array().unwrap().clone();
        let a = values(serde_json::json!(["x", 1, 2.0, true, null, "1", {"k": 1, "l": 2}, [1]]));
        let b = values(serde_json::json!([[1], {"l": 2, "k": 1}, null, 2, 1, "x", "true"]));
        // `2.0` is not `2`, `"1"` is not `1`, `true` is not `"true"`; an object's keys may come
        // in any order.
        let want = values(serde_json::json!(["x", 1, null, {"k": 1, "l": 2}, [1]]));
        assert_eq!(common_values(&a, &b), want);
        let mut x = sch("/a", Kind::String);
        x.enumeration = values(serde_json::json!(["b", "a", "c"]));
        let mut y = sch("/b", Kind::Any);
        y.enumeration = values(serde_json::json!(["c", "b", "d"]));
        let m = merge(sch("/", Kind::Any), vec![x, y], &Table::new(), &mut Widths::Refused).unwrap();
        assert_eq!(m.enumeration, values(serde_json::json!(["b", "c"])));
    }

    #[test]
    fn empty_schema_yields_to_the_typed_one_keeping_its_description() {
        let typed = described(sch("/a/status", Kind::Integer(IntFormat::Int32)), "API response code");
        let a = object("/a", vec![("status", typed)], &["status"]);
        let b = object("/b", vec![("status", sch("/b/status", Kind::Any))], &[]);
        let m = merge(sch("/", Kind::Any), vec![a, b], &Table::new(), &mut Widths::Refused).unwrap();
        let status = &props(&m).props["status"];
        assert_eq!(status.kind, Kind::Integer(IntFormat::Int32));
        assert_eq!(status.description.as_deref(), Some("API response code"));
        assert_eq!(status.loc.pointer, "/a/status");
        // And the other way round: the typed one second.
        let b = object("/b", vec![("status", sch("/b/status", Kind::Any))], &[]);
        let a = object("/a", vec![("status", described(sch("/a/status", Kind::String), "d"))], &[]);
        let m = merge(sch("/", Kind::Any), vec![b, a], &Table::new(), &mut Widths::Refused).unwrap();
        assert_eq!(props(&m).props["status"].kind, Kind::String);
        assert_eq!(props(&m).props["status"].description.as_deref(), Some("d"));
    }

    #[test]
    fn format_meets_unspecified_as_the_format() {
        let a = sch("/a", Kind::Integer(IntFormat::Unspecified));
        let b = sch("/b", Kind::Integer(IntFormat::Int64));
        assert_eq!(merge_two(a, b, &Table::new(), &mut Widths::Refused).unwrap().kind, Kind::Integer(IntFormat::Int64));
    }

    #[test]
    fn conflicting_types_name_both_locations() {
        let a = object("/allOf/0", vec![("id", sch("/allOf/0/properties/id", Kind::Integer(IntFormat::Int64)))], &[]);
        let b = object("/allOf/1", vec![("id", sch("/allOf/1/properties/id", Kind::String))], &[]);
        let d = merge(sch("", Kind::Any), vec![a, b], &Table::new(), &mut Widths::Refused).unwrap_err();
        assert_eq!(d.message, "allOf members cannot be merged: string here, integer in the other");
        assert_eq!(d.location.pointer, "/allOf/1/properties/id");
        assert_eq!(d.notes[0].location.as_ref().unwrap().pointer, "/allOf/0/properties/id");
    }

    #[test]
    fn members_of_different_widths_are_refused_when_strict() {
        let a = sch("/a", Kind::Integer(IntFormat::Int32));
        let b = sch("/b", Kind::Integer(IntFormat::Int64));
        let d = merge_two(a, b, &Table::new(), &mut Widths::Refused).unwrap_err();
        assert_eq!(d.message, "allOf members cannot be merged: integer formats `int32` and `int64` differ");
    }

    #[test]
    fn members_of_different_widths_are_read_as_the_wider_with_a_warning() {
        let widened = |a: Kind, b: Kind| {
            let mut warnings = Vec::new();
            let m = merge_two(sch("/a", a), sch("/b", b), &Table::new(), &mut Widths::Widened(&mut warnings)).unwrap();
            let [warning] = warnings.as_slice() else { panic!("one warning: {warnings:?}") };
            assert_eq!(warning.location.pointer, "/b");
            assert_eq!(warning.notes[0].location.as_ref().unwrap().pointer, "/a");
            (m.kind, warning.message.clone())
        };
        let (kind, message) = widened(Kind::Integer(IntFormat::Int32), Kind::Integer(IntFormat::Int64));
        assert_eq!(kind, Kind::Integer(IntFormat::Int64));
        assert_eq!(
            message,
            "allOf members differ in width: integer formats `int32` and `int64` differ; read as `int64`, which \
             holds the values of both"
        );
        let (kind, _) = widened(Kind::Number(NumFormat::Double), Kind::Number(NumFormat::Float));
        assert_eq!(kind, Kind::Number(NumFormat::Double));
        let (kind, message) = widened(Kind::Integer(IntFormat::Int64), Kind::Number(NumFormat::Float));
        assert_eq!(kind, Kind::Number(NumFormat::Double));
        assert!(message.contains("number here, integer in the other; read as a number"), "{message}");
        // Not a difference of width: still a conflict.
        let mut warnings = Vec::new();
        let d = merge_two(
            sch("/a", Kind::Integer(IntFormat::Int64)),
            sch("/b", Kind::String),
            &Table::new(),
            &mut Widths::Widened(&mut warnings),
        );
        assert!(d.is_err() && warnings.is_empty());
    }

    #[test]
    fn flags_combine() {
        let mut a = sch("/a", Kind::String);
        a.read_only = true;
        a.nullable = true;
        let b = sch("/b", Kind::String);
        let m = merge_two(a, b, &Table::new(), &mut Widths::Refused).unwrap();
        assert!(m.read_only);
        assert!(!m.nullable);
    }

    #[test]
    fn single_contributing_member_names_the_result() {
        let outer = object("", vec![], &[]); // `type: object` beside the allOf
        let member = described(object("/allOf/0", vec![("a", sch("/x", Kind::String))], &[]), "API Key Create Config");
        let m = merge(outer, vec![member], &Table::new(), &mut Widths::Refused).unwrap();
        assert_eq!(m.name_hint.as_deref(), Some("API Key Create Config"));
        assert_eq!(m.description.as_deref(), Some("API Key Create Config"));
        assert_eq!(m.loc.pointer, "");
    }

    #[test]
    fn two_contributing_members_do_not_lend_a_name() {
        let key = object("/allOf/0", vec![("appkey", sch("/k", Kind::String))], &[]);
        let record = described(object("/allOf/1", vec![("appname", sch("/n", Kind::String))], &[]), "API Key Record");
        let m = merge(sch("", Kind::Any), vec![key, record], &Table::new(), &mut Widths::Refused).unwrap();
        assert_eq!(m.name_hint, None);
        assert_eq!(m.description.as_deref(), Some("API Key Record"));
        assert_eq!(props(&m).props.keys().collect::<Vec<_>>(), ["appkey", "appname"]);
    }

    #[test]
    fn outer_docs_win() {
        let mut outer = sch("", Kind::Any);
        outer.title = Some("Pet".into());
        let member = described(object("/allOf/0", vec![("a", sch("/x", Kind::String))], &[]), "Animal");
        let m = merge(outer, vec![member], &Table::new(), &mut Widths::Refused).unwrap();
        assert_eq!(m.title.as_deref(), Some("Pet"));
        assert_eq!(m.name_hint.as_deref(), Some("Pet"));
    }

    #[test]
    fn shared_property_keeps_its_position() {
        let a = object(
            "/a",
            vec![("x", sch("/1", Kind::Any)), ("y", sch("/2", Kind::String)), ("z", sch("/4", Kind::Any))],
            &[],
        );
        let b = object("/b", vec![("x", sch("/3", Kind::Bool))], &[]);
        let m = merge(sch("", Kind::Any), vec![a, b], &Table::new(), &mut Widths::Refused).unwrap();
        assert_eq!(props(&m).props.keys().collect::<Vec<_>>(), ["x", "y", "z"]);
        assert_eq!(props(&m).props["x"].kind, Kind::Bool);
    }

    #[test]
    fn two_one_of_lists_keep_the_members_both_have() {
        let list =
            |keys: &[&str]| sch("/l", Kind::OneOf(keys.iter().map(|k| sch("/m", Kind::Ref((*k).into()))).collect()));
        let m = merge(
            sch("/", Kind::Any),
            vec![list(&["A", "B", "C"]), list(&["C", "A"])],
            &Table::new(),
            &mut Widths::Refused,
        )
        .unwrap();
        assert_eq!(m.kind, Kind::OneOf(vec![sch("/m", Kind::Ref("A".into())), sch("/m", Kind::Ref("C".into()))]));
        let e = merge(sch("/", Kind::Any), vec![list(&["A"]), list(&["B"])], &Table::new(), &mut Widths::Refused)
            .unwrap_err();
        assert!(e.message.contains("oneOf lists with no member in common"), "{}", e.message);
    }
}
