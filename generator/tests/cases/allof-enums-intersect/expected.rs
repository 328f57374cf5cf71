// src/types.rs
/// Used by:
/// - [`Client::get_thing`](crate::Client::get_thing): `200`
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Thing {
    pub colour: crate::types::ThingColour,
    /// How big the thing is.
    pub size: crate::types::ThingSize,
}

impl Thing {
    /// With its required fields, the optional ones unset.
    pub fn new(
        colour: crate::types::ThingColour,
        size: crate::types::ThingSize,
    ) -> Self {
        Self { colour, size }
    }
}

impl ::serde::Serialize for Thing {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.required("colour", &self.colour);
        object.required("size", &self.size);
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
                colour: object.required("colour")?,
                size: object.required("size")?,
            }),
        )
    }
}

/// An open enum: a value the spec does not list is kept in `Other`. Non-exhaustive: a value the spec lists later is a new variant.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ThingColour {
    /// `"red"`
    Red,
    /// `"blue"`
    Blue,
    /// A value this client does not know.
    Other(::std::string::String),
}

impl ThingColour {
    /// The value as sent on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Red => "red",
            Self::Blue => "blue",
            Self::Other(value) => value,
        }
    }
}

impl ::std::convert::From<&str> for ThingColour {
    fn from(value: &str) -> Self {
        match value {
            "red" => Self::Red,
            "blue" => Self::Blue,
            other => Self::Other(other.to_owned()),
        }
    }
}

impl ::std::fmt::Display for ThingColour {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ::serde::Serialize for ThingColour {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> ::serde::Deserialize<'de> for ThingColour {
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

/// How big the thing is.
///
/// An open enum: a value the spec does not list is kept in `Other`. Non-exhaustive: a value the spec lists later is a new variant.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ThingSize {
    /// `"medium"`
    Medium,
    /// `"large"`
    Large,
    /// A value this client does not know.
    Other(::std::string::String),
}

impl ThingSize {
    /// The value as sent on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Medium => "medium",
            Self::Large => "large",
            Self::Other(value) => value,
        }
    }
}

impl ::std::convert::From<&str> for ThingSize {
    fn from(value: &str) -> Self {
        match value {
            "medium" => Self::Medium,
            "large" => Self::Large,
            other => Self::Other(other.to_owned()),
        }
    }
}

impl ::std::fmt::Display for ThingSize {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ::serde::Serialize for ThingSize {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> ::serde::Deserialize<'de> for ThingSize {
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
