// src/types.rs
/// The base, by another name.
///
/// Used by:
/// - [`Client::get_alias`](crate::Client::get_alias): `200`
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Alias {
    pub id: ::std::string::String,
    /// Constraints: format `date-time`.
    pub created: ::std::option::Option<::std::string::String>,
}

impl Alias {
    /// With its required fields, the optional ones unset.
    pub fn new(id: impl ::std::convert::Into<::std::string::String>) -> Self {
        Self {
            id: id.into(),
            created: ::std::option::Option::None,
        }
    }
}

impl ::serde::Serialize for Alias {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.required("id", &self.id);
        object.optional("created", &self.created);
        object.end()
    }
}

impl<'de> ::serde::Deserialize<'de> for Alias {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        crate::runtime::Object::read(
            deserializer,
            |object| ::std::option::Option::Some(Self {
                id: object.required("id")?,
                created: object.optional("created"),
            }),
        )
    }
}

/// Used by:
/// - [`Client::get_thing`](crate::Client::get_thing): `200`
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Extended {
    pub id: ::std::string::String,
    /// Constraints: format `date-time`.
    pub created: ::std::option::Option<::std::string::String>,
    pub size: i64,
}

impl Extended {
    /// With its required fields, the optional ones unset.
    pub fn new(id: impl ::std::convert::Into<::std::string::String>, size: i64) -> Self {
        Self {
            id: id.into(),
            created: ::std::option::Option::None,
            size,
        }
    }
}

impl ::serde::Serialize for Extended {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.required("id", &self.id);
        object.optional("created", &self.created);
        object.required("size", &self.size);
        object.end()
    }
}

impl<'de> ::serde::Deserialize<'de> for Extended {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        crate::runtime::Object::read(
            deserializer,
            |object| ::std::option::Option::Some(Self {
                id: object.required("id")?,
                created: object.optional("created"),
                size: object.required("size")?,
            }),
        )
    }
}
