// src/types.rs
/// Used by:
/// - [`Client::get_point`](crate::Client::get_point): `200`
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct T3dPoint {
    pub _9lives: ::std::option::Option<bool>,
    pub size: ::std::option::Option<crate::types::Size>,
}

impl T3dPoint {
    /// With every field unset.
    pub fn new() -> Self {
        ::std::default::Default::default()
    }
}

impl ::serde::Serialize for T3dPoint {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.optional("9lives", &self._9lives);
        object.optional("size", &self.size);
        object.end()
    }
}

impl<'de> ::serde::Deserialize<'de> for T3dPoint {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        crate::runtime::Object::read(
            deserializer,
            |object| ::std::option::Option::Some(Self {
                _9lives: object.optional("9lives"),
                size: object.optional("size"),
            }),
        )
    }
}

/// An open enum: a value the spec does not list is kept in `Other`. Non-exhaustive: a value the spec lists later is a new variant.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Size {
    /// `"1x"`
    T1x,
    /// `"2x"`
    T2x,
    /// `"large"`
    Large,
    /// A value this client does not know.
    Other(::std::string::String),
}

impl Size {
    /// The value as sent on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::T1x => "1x",
            Self::T2x => "2x",
            Self::Large => "large",
            Self::Other(value) => value,
        }
    }
}

impl ::std::convert::From<&str> for Size {
    fn from(value: &str) -> Self {
        match value {
            "1x" => Self::T1x,
            "2x" => Self::T2x,
            "large" => Self::Large,
            other => Self::Other(other.to_owned()),
        }
    }
}

impl ::std::fmt::Display for Size {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ::serde::Serialize for Size {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> ::serde::Deserialize<'de> for Size {
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
