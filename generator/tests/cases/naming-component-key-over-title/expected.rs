// src/types.rs
/// Used by:
/// - [`Client::get_a`](crate::Client::get_a): `200`
#[derive(Clone, Debug, Default, PartialEq, ::serde::Serialize)]
#[non_exhaustive]
pub struct GetAResponse {
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub lat: ::std::option::Option<f64>,
}

impl GetAResponse {
    /// With every field unset.
    pub fn new() -> Self {
        ::std::default::Default::default()
    }
}

impl<'de> ::serde::Deserialize<'de> for GetAResponse {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        let mut object = crate::runtime::Object::read(deserializer)?;
        ::std::result::Result::Ok(Self {
            lat: object.optional("lat")?,
        })
    }
}

/// Used by:
/// - [`Client::get_b`](crate::Client::get_b): parameter `X-Origin`
#[derive(Clone, Debug, Default, PartialEq, ::serde::Serialize)]
#[non_exhaustive]
pub struct Point {
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub x: ::std::option::Option<i64>,
}

impl Point {
    /// With every field unset; the `with_` methods set them.
    pub fn new() -> Self {
        ::std::default::Default::default()
    }
    /// Sets `x`.
    pub fn with_x(mut self, x: i64) -> Self {
        self.x = ::std::option::Option::Some(x);
        self
    }
}

impl<'de> ::serde::Deserialize<'de> for Point {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        let mut object = crate::runtime::Object::read(deserializer)?;
        ::std::result::Result::Ok(Self { x: object.optional("x")? })
    }
}
