// src/types.rs
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Dog {
    /// Read-only: set by the server and never sent.
    pub id: ::std::option::Option<::std::string::String>,
    pub barks: ::std::option::Option<bool>,
}

impl Dog {
    /// With every field unset; the `with_` methods set them.
    pub fn new() -> Self {
        ::std::default::Default::default()
    }
    /// Sets `barks`.
    pub fn with_barks(mut self, barks: bool) -> Self {
        self.barks = ::std::option::Option::Some(barks);
        self
    }
}

impl ::serde::Serialize for Dog {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.optional("barks", &self.barks);
        object.end()
    }
}

impl<'de> ::serde::Deserialize<'de> for Dog {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        crate::runtime::Object::read(
            deserializer,
            |object| ::std::option::Option::Some(Self {
                id: object.optional("id"),
                barks: object.optional("barks"),
            }),
        )
    }
}

/// Used by:
/// - [`Client::add_pet`](crate::Client::add_pet): `200`
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Report {
    pub id: ::std::string::String,
    pub note: ::std::option::Option<::std::string::String>,
}

impl Report {
    /// With its required fields, the optional ones unset.
    pub fn new(id: impl ::std::convert::Into<::std::string::String>) -> Self {
        Self {
            id: id.into(),
            note: ::std::option::Option::None,
        }
    }
}

impl ::serde::Serialize for Report {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.required("id", &self.id);
        object.optional("note", &self.note);
        object.end()
    }
}

impl<'de> ::serde::Deserialize<'de> for Report {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        crate::runtime::Object::read(
            deserializer,
            |object| ::std::option::Option::Some(Self {
                id: object.required("id")?,
                note: object.optional("note"),
            }),
        )
    }
}

/// Used by:
/// - [`Client::search`](crate::Client::search): parameter `filter`
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Filter {
    pub name: ::std::option::Option<::std::string::String>,
    pub range: ::std::option::Option<crate::types::Range>,
}

impl Filter {
    /// With every field unset; the `with_` methods set them.
    pub fn new() -> Self {
        ::std::default::Default::default()
    }
    /// Sets `name`.
    pub fn with_name(
        mut self,
        name: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.name = ::std::option::Option::Some(name.into());
        self
    }
    /// Sets `range`.
    pub fn with_range(mut self, range: crate::types::Range) -> Self {
        self.range = ::std::option::Option::Some(range);
        self
    }
}

impl ::serde::Serialize for Filter {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.optional("name", &self.name);
        object.optional("range", &self.range);
        object.end()
    }
}

impl<'de> ::serde::Deserialize<'de> for Filter {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        crate::runtime::Object::read(
            deserializer,
            |object| ::std::option::Option::Some(Self {
                name: object.optional("name"),
                range: object.optional("range"),
            }),
        )
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Range {
    pub from: ::std::option::Option<i64>,
}

impl Range {
    /// With every field unset; the `with_` methods set them.
    pub fn new() -> Self {
        ::std::default::Default::default()
    }
    /// Sets `from`.
    pub fn with_from(mut self, from: i64) -> Self {
        self.from = ::std::option::Option::Some(from);
        self
    }
}

impl ::serde::Serialize for Range {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.optional("from", &self.from);
        object.end()
    }
}

impl<'de> ::serde::Deserialize<'de> for Range {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        crate::runtime::Object::read(
            deserializer,
            |object| ::std::option::Option::Some(Self {
                from: object.optional("from"),
            }),
        )
    }
}
