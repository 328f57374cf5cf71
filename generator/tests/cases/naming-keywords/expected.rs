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
    /// With every field unset; the `with_` methods set them.
    pub fn new() -> Self {
        ::std::default::Default::default()
    }
    /// Sets `type`.
    pub fn with_type(
        mut self,
        r#type: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.r#type = ::std::option::Option::Some(r#type.into());
        self
    }
    /// Sets `match`.
    pub fn with_match(mut self, r#match: i64) -> Self {
        self.r#match = ::std::option::Option::Some(r#match);
        self
    }
    /// Sets `self_`.
    pub fn with_self(
        mut self,
        self_: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.self_ = ::std::option::Option::Some(self_.into());
        self
    }
    /// Sets `self_2`.
    pub fn with_self_2(
        mut self,
        self_2: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.self_2 = ::std::option::Option::Some(self_2.into());
        self
    }
    /// Sets `crate_`.
    pub fn with_crate(mut self, crate_: bool) -> Self {
        self.crate_ = ::std::option::Option::Some(crate_);
        self
    }
    /// Sets `async`.
    pub fn with_async(
        mut self,
        r#async: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.r#async = ::std::option::Option::Some(r#async.into());
        self
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
