// src/types.rs
/// Used by:
/// - [`Client::get_thing`](crate::Client::get_thing): `200`
#[derive(Clone, Debug, Default, PartialEq, ::serde::Serialize)]
#[non_exhaustive]
pub struct Thing {
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub r#type: ::std::option::Option<::std::string::String>,
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub r#match: ::std::option::Option<i64>,
    #[serde(rename = "self", skip_serializing_if = "::std::option::Option::is_none")]
    pub self_: ::std::option::Option<::std::string::String>,
    #[serde(rename = "Self", skip_serializing_if = "::std::option::Option::is_none")]
    pub self_2: ::std::option::Option<::std::string::String>,
    #[serde(rename = "crate", skip_serializing_if = "::std::option::Option::is_none")]
    pub crate_: ::std::option::Option<bool>,
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub r#async: ::std::option::Option<::std::string::String>,
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
            r#type: object.optional("type")?,
            r#match: object.optional("match")?,
            self_: object.optional("self")?,
            self_2: object.optional("Self")?,
            crate_: object.optional("crate")?,
            r#async: object.optional("async")?,
        })
    }
}
