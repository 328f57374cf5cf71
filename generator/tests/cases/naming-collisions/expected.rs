// src/types.rs
/// Used by:
/// - [`Client::get_thing`](crate::Client::get_thing): `200`
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Thing {
    pub foo_bar: ::std::option::Option<::std::string::String>,
    pub foo_bar_2: ::std::option::Option<i64>,
    pub foo_bar_3: ::std::option::Option<bool>,
    pub mode: ::std::option::Option<crate::types::ThingMode>,
}

impl Thing {
    /// With every field unset.
    pub fn new() -> Self {
        ::std::default::Default::default()
    }
}

impl ::serde::Serialize for Thing {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.optional("foo-bar", &self.foo_bar);
        object.optional("foo_bar", &self.foo_bar_2);
        object.optional("fooBar", &self.foo_bar_3);
        object.optional("mode", &self.mode);
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
                foo_bar: object.optional("foo-bar"),
                foo_bar_2: object.optional("foo_bar"),
                foo_bar_3: object.optional("fooBar"),
                mode: object.optional("mode"),
            }),
        )
    }
}

/// An open enum: a value the spec does not list is kept in `Other`. Non-exhaustive: a value the spec lists later is a new variant.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ThingMode {
    /// `"on"`
    On,
    /// `"ON"`
    On2,
    /// `"On"`
    On3,
    /// A value this client does not know.
    Other(::std::string::String),
}

impl ThingMode {
    /// The value as sent on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::On => "on",
            Self::On2 => "ON",
            Self::On3 => "On",
            Self::Other(value) => value,
        }
    }
}

impl ::std::convert::From<&str> for ThingMode {
    fn from(value: &str) -> Self {
        match value {
            "on" => Self::On,
            "ON" => Self::On2,
            "On" => Self::On3,
            other => Self::Other(other.to_owned()),
        }
    }
}

impl ::std::fmt::Display for ThingMode {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ::serde::Serialize for ThingMode {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> ::serde::Deserialize<'de> for ThingMode {
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
