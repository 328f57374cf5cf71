// src/types.rs
/// An open enum: a value the spec does not list is kept in `Other`. Non-exhaustive: a value the spec lists later is a new variant.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ThingShape {
    /// `"round"`
    Round,
    /// A value this client does not know.
    Other(::std::string::String),
}

impl ThingShape {
    /// The value as sent on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Round => "round",
            Self::Other(value) => value,
        }
    }
}

impl ::std::convert::From<&str> for ThingShape {
    fn from(value: &str) -> Self {
        match value {
            "round" => Self::Round,
            other => Self::Other(other.to_owned()),
        }
    }
}

impl ::std::fmt::Display for ThingShape {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ::serde::Serialize for ThingShape {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> ::serde::Deserialize<'de> for ThingShape {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        let value = <::std::borrow::Cow<
            'de,
            str,
        > as ::serde::Deserialize>::deserialize(deserializer)?;
        ::std::result::Result::Ok(Self::from(value.as_ref()))
    }
}

/// Used by:
/// - [`Client::get_thing`](crate::Client::get_thing): `200`
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Thing {
    pub id: i64,
    pub note: ::std::option::Option<::std::string::String>,
    pub kind: ::std::option::Option<::serde_json::Value>,
    pub shape: ::std::option::Option<crate::types::ThingShape>,
}

impl Thing {
    /// With its required fields, the optional ones unset.
    pub fn new(id: i64) -> Self {
        Self {
            id,
            note: ::std::option::Option::None,
            kind: ::std::option::Option::None,
            shape: ::std::option::Option::None,
        }
    }
}

impl ::serde::Serialize for Thing {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.required("id", &self.id);
        object.optional("note", &self.note);
        object.optional("kind", &self.kind);
        object.optional("shape", &self.shape);
        object.end()
    }
}

impl<'de> ::serde::Deserialize<'de> for Thing {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        crate::runtime::Object::read(
            deserializer,
            |object| ::std::option::Option::Some(Self {
                id: object.required("id")?,
                note: object.optional("note"),
                kind: object.optional("kind"),
                shape: object.optional("shape"),
            }),
        )
    }
}
