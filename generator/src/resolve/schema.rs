//! Schemas, normalised: openapiv3 schema objects → [`Sch`], a small owned tree that remembers where
//! each node came from.
//!
//! `$ref`s are followed, to `#/components/schemas` and to schemas anywhere else in the document
//! ([`schemas_elsewhere`]); a reference to something that is not a schema is an error. Recursion
//! through a property or an item is a [`Kind::Ref`]; a schema that comes back to itself through
//! `$ref`s, `allOf`, `oneOf` and `anyOf` only is a cycle error. Every `allOf` is flattened by
//! [`super::allof`] on the way, so the rest of the generator never sees one.
//!
//! A `oneOf` or an `anyOf` becomes a [`Kind::OneOf`]: its members in order and, when a
//! `discriminator` gives every member a tag, a [`Discriminator`]. The type space makes it a tagged
//! union, or an untagged one whose alternatives are tried in order (or the one type, when every
//! member has the same). Beside `properties` or `allOf`, a list of object schemas instead adds the
//! properties it names to the object, as optional ones. What cannot be represented (`not`, `oneOf`
//! together with `anyOf`, a list of non-objects beside properties) is a located diagnostic, never
//! silently wrong code.
//!
//! The data is here; [`Converter`] (in `convert`) builds it, and [`schemas_elsewhere`] (in
//! `elsewhere`) reads the schemas that `$ref`s reach outside the components.

use indexmap::{IndexMap, IndexSet};

use crate::diag::Location;

mod convert;
mod elsewhere;

pub use self::convert::Converter;
pub use self::elsewhere::{Elsewhere, schemas_elsewhere};

/// A normalised schema.
#[derive(Clone, Debug, PartialEq)]
pub struct Sch {
    /// Where the schema is written (file and pointer).
    pub loc: Location,
    pub title: Option<String>,
    pub description: Option<String>,
    pub kind: Kind,
    pub nullable: bool,
    pub read_only: bool,
    pub write_only: bool,
    /// `enum` values (empty: no `enum`).
    pub enumeration: Vec<serde_json::Value>,
    /// The `components/schemas` key when the schema was reached through a `$ref`.
    pub component: Option<String>,
    /// Bounds, pattern, lengths, default and format, as text for docs ("`>= 1`, default `10`").
    pub constraints: Vec<String>,
    /// For a `oneOf`/`anyOf` with a usable `discriminator`: the property and each member's tags.
    pub discriminator: Option<Discriminator>,
    /// The name the schema suggests for itself: its title, or its description when that is a short
    /// noun phrase such as "API Key Record" (see [`is_noun_phrase`]).
    pub name_hint: Option<String>,
    /// A string of bytes (`format: binary`): a file when it is a part of a multipart form.
    pub binary: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// `{}`: anything. Next to a typed schema in an `allOf`, it yields.
    Any,
    Bool,
    Integer(IntFormat),
    Number(NumFormat),
    String,
    Array(Box<Sch>),
    Object(Obj),
    /// `oneOf`/`anyOf` without a usable discriminator: one of these (tried in order).
    OneOf(Vec<Sch>),
    /// A reference back to a component being expanded (recursion): the type by its key.
    Ref(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum IntFormat {
    Unspecified,
    Int32,
    Int64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum NumFormat {
    Unspecified,
    Float,
    Double,
}

impl IntFormat {
    /// The `format` as a spec writes it, for messages.
    pub fn spec_name(self) -> &'static str {
        match self {
            IntFormat::Unspecified => "none",
            IntFormat::Int32 => "int32",
            IntFormat::Int64 => "int64",
        }
    }
}

impl NumFormat {
    /// The `format` as a spec writes it, for messages.
    pub fn spec_name(self) -> &'static str {
        match self {
            NumFormat::Unspecified => "none",
            NumFormat::Float => "float",
            NumFormat::Double => "double",
        }
    }
}

/// A `discriminator` resolved against the members: `tags[i]` are the values naming member `i`.
#[derive(Clone, Debug, PartialEq)]
pub struct Discriminator {
    pub property: String,
    pub tags: Vec<Vec<String>>,
}

/// An object schema: properties in document order, the required names (a set in document order:
/// each property asks whether it is required, so a list would make a large object quadratic),
/// and the schema of additional properties (`None` when absent or `false`: responses must
/// tolerate new fields anyway).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Obj {
    pub props: IndexMap<String, Sch>,
    pub required: IndexSet<String>,
    pub additional: Option<Box<Sch>>,
}

impl Kind {
    /// A short word for messages: "string", "object", ...
    pub fn word(&self) -> &'static str {
        match self {
            Kind::Any => "any",
            Kind::Bool => "boolean",
            Kind::Integer(_) => "integer",
            Kind::Number(_) => "number",
            Kind::String => "string",
            Kind::Array(_) => "array",
            Kind::Object(_) => "object",
            Kind::OneOf(_) => "oneOf",
            Kind::Ref(_) => "object",
        }
    }
}

/// Whether a description is short and name-like: at most five words of letters and digits, no
/// sentence punctuation. "API Key Record" is; "Return a list of all API Keys." is not.
pub fn is_noun_phrase(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 5
        && words.iter().all(|w| w.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_'))
        && words[0].chars().next().is_some_and(char::is_alphabetic)
}

impl Sch {
    /// A copy of everything but the kind (which may be a large tree).
    fn clone_without_kind(&self) -> Sch {
        Sch {
            loc: self.loc.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            kind: Kind::Any,
            nullable: self.nullable,
            read_only: self.read_only,
            write_only: self.write_only,
            enumeration: self.enumeration.clone(),
            component: self.component.clone(),
            constraints: self.constraints.clone(),
            discriminator: self.discriminator.clone(),
            name_hint: self.name_hint.clone(),
            binary: self.binary,
        }
    }

    /// The same schema with another kind.
    pub fn with_kind(self, kind: Kind) -> Sch {
        Sch { kind, ..self }
    }

    /// `{}` at `loc`: no type, no docs, no flags.
    pub fn any(loc: Location) -> Sch {
        Sch {
            loc,
            title: None,
            description: None,
            kind: Kind::Any,
            nullable: false,
            read_only: false,
            write_only: false,
            enumeration: Vec::new(),
            component: None,
            constraints: Vec::new(),
            discriminator: None,
            name_hint: None,
            binary: false,
        }
    }
}

pub(super) fn name_hint(title: &Option<String>, description: &Option<String>) -> Option<String> {
    title.clone().or_else(|| description.as_ref().filter(|d| is_noun_phrase(d)).cloned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noun_phrases() {
        assert!(is_noun_phrase("API Key Record"));
        assert!(is_noun_phrase("API Key Create Config"));
        assert!(!is_noun_phrase("Return a list of all API Keys."));
        assert!(!is_noun_phrase("An array containing strings which include the role name"));
        assert!(!is_noun_phrase(""));
        assert!(!is_noun_phrase("4xx errors"));
    }
}
