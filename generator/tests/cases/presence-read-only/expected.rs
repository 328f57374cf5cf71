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
/// - [`Client::put_stamp`](crate::Client::put_stamp): request body
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Stamp {
    /// Constraints: format `date-time`.
    ///
    /// Read-only: set by the server and never sent.
    pub at: ::std::string::String,
    pub note: ::std::option::Option<::std::string::String>,
}

impl Stamp {
    /// With every field at its default; the `with_` methods set them. Read-only fields are never sent; `new` leaves them at their default: `at`.
    pub fn new() -> Self {
        ::std::default::Default::default()
    }
    /// Sets `note`.
    pub fn with_note(
        mut self,
        note: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.note = ::std::option::Option::Some(note.into());
        self
    }
}

impl ::serde::Serialize for Stamp {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.optional("note", &self.note);
        object.end()
    }
}

impl<'de> ::serde::Deserialize<'de> for Stamp {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        crate::runtime::Object::read(
            deserializer,
            |object| ::std::option::Option::Some(Self {
                at: object.required("at")?,
                note: object.optional("note"),
            }),
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
