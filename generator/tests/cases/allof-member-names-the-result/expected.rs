// src/types.rs
/// API Key Create Config
///
/// Used by:
/// - [`Client::get_config`](crate::Client::get_config): `200`
#[derive(Clone, Debug, Default, PartialEq, ::serde::Serialize)]
#[non_exhaustive]
pub struct ApiKeyCreateConfig {
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub a: ::std::option::Option<::std::string::String>,
}

impl ApiKeyCreateConfig {
    /// With every field unset; the `with_` methods set them.
    pub fn new() -> Self {
        ::std::default::Default::default()
    }
    /// Sets `a`.
    pub fn with_a(
        mut self,
        a: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.a = ::std::option::Option::Some(a.into());
        self
    }
}

impl<'de> ::serde::Deserialize<'de> for ApiKeyCreateConfig {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        let mut object = crate::runtime::Object::read(deserializer)?;
        ::std::result::Result::Ok(Self { a: object.optional("a")? })
    }
}

/// API Key Record
///
/// Used by:
/// - [`Client::get_pair`](crate::Client::get_pair): `200`
#[derive(Clone, Debug, Default, PartialEq, ::serde::Serialize)]
#[non_exhaustive]
pub struct ApiKeyRecord {
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub appkey: ::std::option::Option<::std::string::String>,
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub appname: ::std::option::Option<::std::string::String>,
}

impl ApiKeyRecord {
    /// With every field unset; the `with_` methods set them.
    pub fn new() -> Self {
        ::std::default::Default::default()
    }
    /// Sets `appkey`.
    pub fn with_appkey(
        mut self,
        appkey: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.appkey = ::std::option::Option::Some(appkey.into());
        self
    }
    /// Sets `appname`.
    pub fn with_appname(
        mut self,
        appname: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.appname = ::std::option::Option::Some(appname.into());
        self
    }
}

impl<'de> ::serde::Deserialize<'de> for ApiKeyRecord {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        let mut object = crate::runtime::Object::read(deserializer)?;
        ::std::result::Result::Ok(Self {
            appkey: object.optional("appkey")?,
            appname: object.optional("appname")?,
        })
    }
}
