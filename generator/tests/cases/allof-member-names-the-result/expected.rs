// src/types.rs
/// API Key Create Config
///
/// Used by:
/// - [`Client::get_config`](crate::Client::get_config): `200`
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct ApiKeyCreateConfig {
    pub a: ::std::option::Option<::std::string::String>,
}

impl ApiKeyCreateConfig {
    /// With every field unset.
    pub fn new() -> Self {
        ::std::default::Default::default()
    }
}

impl ::serde::Serialize for ApiKeyCreateConfig {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.optional("a", &self.a);
        object.end()
    }
}

impl<'de> ::serde::Deserialize<'de> for ApiKeyCreateConfig {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        crate::runtime::Object::read(
            deserializer,
            |object| ::std::option::Option::Some(Self { a: object.optional("a") }),
        )
    }
}

/// API Key Record
///
/// Used by:
/// - [`Client::get_pair`](crate::Client::get_pair): `200`
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct ApiKeyRecord {
    pub appkey: ::std::option::Option<::std::string::String>,
    pub appname: ::std::option::Option<::std::string::String>,
}

impl ApiKeyRecord {
    /// With every field unset.
    pub fn new() -> Self {
        ::std::default::Default::default()
    }
}

impl ::serde::Serialize for ApiKeyRecord {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.optional("appkey", &self.appkey);
        object.optional("appname", &self.appname);
        object.end()
    }
}

impl<'de> ::serde::Deserialize<'de> for ApiKeyRecord {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        crate::runtime::Object::read(
            deserializer,
            |object| ::std::option::Option::Some(Self {
                appkey: object.optional("appkey"),
                appname: object.optional("appname"),
            }),
        )
    }
}
