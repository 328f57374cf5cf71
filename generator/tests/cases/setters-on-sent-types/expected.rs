// src/types.rs
#[derive(Clone, Debug, Default, PartialEq, ::serde::Serialize)]
#[non_exhaustive]
pub struct Dog {
    /// Read-only: set by the server and never sent.
    #[serde(skip_serializing)]
    pub id: ::std::option::Option<::std::string::String>,
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
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

impl<'de> ::serde::Deserialize<'de> for Dog {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        let mut object = crate::runtime::Object::read(deserializer)?;
        ::std::result::Result::Ok(Self {
            id: object.optional("id")?,
            barks: object.optional("barks")?,
        })
    }
}

/// Used by:
/// - [`Client::add_pet`](crate::Client::add_pet): `200`
#[derive(Clone, Debug, PartialEq, ::serde::Serialize)]
#[non_exhaustive]
pub struct Report {
    pub id: ::std::string::String,
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
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

impl<'de> ::serde::Deserialize<'de> for Report {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        let mut object = crate::runtime::Object::read(deserializer)?;
        ::std::result::Result::Ok(Self {
            id: object.required("id")?,
            note: object.optional("note")?,
        })
    }
}

/// Used by:
/// - [`Client::search`](crate::Client::search): parameter `filter`
#[derive(Clone, Debug, Default, PartialEq, ::serde::Serialize)]
#[non_exhaustive]
pub struct Filter {
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub name: ::std::option::Option<::std::string::String>,
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
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

impl<'de> ::serde::Deserialize<'de> for Filter {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        let mut object = crate::runtime::Object::read(deserializer)?;
        ::std::result::Result::Ok(Self {
            name: object.optional("name")?,
            range: object.optional("range")?,
        })
    }
}

#[derive(Clone, Debug, Default, PartialEq, ::serde::Serialize)]
#[non_exhaustive]
pub struct Range {
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
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

impl<'de> ::serde::Deserialize<'de> for Range {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        let mut object = crate::runtime::Object::read(deserializer)?;
        ::std::result::Result::Ok(Self {
            from: object.optional("from")?,
        })
    }
}
