// src/types.rs
/// Used by:
/// - [`Client::get_thing`](crate::Client::get_thing): `200`
#[derive(Clone, Debug, Default, PartialEq, ::serde::Serialize)]
#[non_exhaustive]
pub struct Thing {
    #[serde(rename = "x-rate", skip_serializing_if = "::std::option::Option::is_none")]
    pub x_rate: ::std::option::Option<i64>,
    #[serde(
        rename = "camelCase",
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub camel_case: ::std::option::Option<::std::string::String>,
    #[serde(rename = "naïve", skip_serializing_if = "::std::option::Option::is_none")]
    pub naive: ::std::option::Option<::std::string::String>,
    #[serde(rename = "@id", skip_serializing_if = "::std::option::Option::is_none")]
    pub id: ::std::option::Option<::std::string::String>,
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub plain: ::std::option::Option<::std::string::String>,
}

impl Thing {
    /// With every field unset; the `with_` methods set them.
    pub fn new() -> Self {
        ::std::default::Default::default()
    }
    /// Sets `x_rate`.
    pub fn with_x_rate(mut self, x_rate: i64) -> Self {
        self.x_rate = ::std::option::Option::Some(x_rate);
        self
    }
    /// Sets `camel_case`.
    pub fn with_camel_case(
        mut self,
        camel_case: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.camel_case = ::std::option::Option::Some(camel_case.into());
        self
    }
    /// Sets `naive`.
    pub fn with_naive(
        mut self,
        naive: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.naive = ::std::option::Option::Some(naive.into());
        self
    }
    /// Sets `id`.
    pub fn with_id(
        mut self,
        id: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.id = ::std::option::Option::Some(id.into());
        self
    }
    /// Sets `plain`.
    pub fn with_plain(
        mut self,
        plain: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.plain = ::std::option::Option::Some(plain.into());
        self
    }
}

impl<'de> ::serde::Deserialize<'de> for Thing {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        let mut object = crate::runtime::Object::read(deserializer)?;
        ::std::result::Result::Ok(Self {
            x_rate: object.optional("x-rate")?,
            camel_case: object.optional("camelCase")?,
            naive: object.optional("naïve")?,
            id: object.optional("@id")?,
            plain: object.optional("plain")?,
        })
    }
}
