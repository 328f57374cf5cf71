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
    /// With every field unset.
    pub fn new() -> Self {
        ::std::default::Default::default()
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
