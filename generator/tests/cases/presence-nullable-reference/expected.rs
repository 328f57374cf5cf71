// src/types.rs
/// Used by:
/// - [`Client::get_pet`](crate::Client::get_pet): `200`
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Pet {
    pub owner: ::std::option::Option<crate::types::Owner>,
    /// The one before.
    ///
    /// `None`: absent; `Some(None)`: `null`.
    pub previous_owner: ::std::option::Option<
        ::std::option::Option<crate::types::Owner>,
    >,
}

impl Pet {
    /// With every field unset.
    pub fn new() -> Self {
        ::std::default::Default::default()
    }
}

impl ::serde::Serialize for Pet {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.optional("owner", &self.owner);
        object.optional("previousOwner", &self.previous_owner);
        object.end()
    }
}

impl<'de> ::serde::Deserialize<'de> for Pet {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        crate::runtime::Object::read(
            deserializer,
            |object| ::std::option::Option::Some(Self {
                owner: object.optional("owner"),
                previous_owner: object.nullable("previousOwner"),
            }),
        )
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Owner {
    pub id: ::std::option::Option<i64>,
}

impl Owner {
    /// With every field unset.
    pub fn new() -> Self {
        ::std::default::Default::default()
    }
}

impl ::serde::Serialize for Owner {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.optional("id", &self.id);
        object.end()
    }
}

impl<'de> ::serde::Deserialize<'de> for Owner {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        crate::runtime::Object::read(
            deserializer,
            |object| ::std::option::Option::Some(Self { id: object.optional("id") }),
        )
    }
}
