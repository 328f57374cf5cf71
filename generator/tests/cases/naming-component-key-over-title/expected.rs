// src/types.rs
/// Used by:
/// - [`Client::get_a`](crate::Client::get_a): `200`
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct GetAResponse {
    pub lat: ::std::option::Option<f64>,
}

impl GetAResponse {
    /// With every field unset.
    pub fn new() -> Self {
        ::std::default::Default::default()
    }
}

impl ::serde::Serialize for GetAResponse {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.optional("lat", &self.lat);
        object.end()
    }
}

impl<'de> ::serde::Deserialize<'de> for GetAResponse {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        crate::runtime::Object::read(
            deserializer,
            |object| ::std::option::Option::Some(Self {
                lat: object.optional("lat"),
            }),
        )
    }
}

/// Used by:
/// - [`Client::get_b`](crate::Client::get_b): parameter `X-Origin`
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Point {
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

impl ::serde::Serialize for Point {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.optional("x", &self.x);
        object.end()
    }
}

impl<'de> ::serde::Deserialize<'de> for Point {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        crate::runtime::Object::read(
            deserializer,
            |object| ::std::option::Option::Some(Self { x: object.optional("x") }),
        )
    }
}
