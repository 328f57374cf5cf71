// src/types.rs
/// Used by:
/// - [`Client::get_receipt`](crate::Client::get_receipt): `200`
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Receipt {
    pub id: ::std::string::String,
}

impl Receipt {
    /// With its required fields, the optional ones unset.
    pub fn new(id: impl ::std::convert::Into<::std::string::String>) -> Self {
        Self { id: id.into() }
    }
}

impl ::serde::Serialize for Receipt {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.required("id", &self.id);
        object.end()
    }
}

impl<'de> ::serde::Deserialize<'de> for Receipt {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        crate::runtime::Object::read(
            deserializer,
            |object| ::std::option::Option::Some(Self { id: object.required("id")? }),
        )
    }
}

/// Used by:
/// - [`Client::put_thing`](crate::Client::put_thing): request body, `200`
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Thing {
    /// Read-only: set by the server and never sent.
    pub id: ::std::string::String,
    /// Read-only: set by the server and never sent.
    pub etag: ::std::option::Option<::std::string::String>,
    pub name: ::std::string::String,
    /// Read-only: set by the server and never sent.
    pub state: crate::types::State,
    /// Read-only: set by the server and never sent.
    pub meta: crate::types::Meta,
    /// Read-only: set by the server and never sent.
    pub tags: ::std::vec::Vec<::std::string::String>,
}

impl Thing {
    /// With its required fields, the optional ones unset. Read-only fields are never sent; `new` leaves them at their default: `id`, `meta`, `tags`.
    pub fn new(
        name: impl ::std::convert::Into<::std::string::String>,
        state: crate::types::State,
    ) -> Self {
        Self {
            id: ::std::default::Default::default(),
            etag: ::std::option::Option::None,
            name: name.into(),
            state,
            meta: ::std::default::Default::default(),
            tags: ::std::default::Default::default(),
        }
    }
}

impl ::serde::Serialize for Thing {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.required("name", &self.name);
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
                etag: object.optional("etag"),
                name: object.required("name")?,
                state: object.required("state")?,
                meta: object.required("meta")?,
                tags: object.required("tags")?,
            }),
        )
    }
}
