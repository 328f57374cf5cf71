// src/types.rs
/// The outer description.
///
/// Used by:
/// - [`Client::get_thing`](crate::Client::get_thing): `200`
#[derive(Clone, Debug, Default, PartialEq, ::serde::Serialize)]
#[non_exhaustive]
pub struct Thing {
    /// Only this one says.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub a: ::std::option::Option<::std::string::String>,
    /// One view.
    ///
    /// Another view.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub b: ::std::option::Option<::std::string::String>,
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub c: ::std::option::Option<::std::string::String>,
}

impl Thing {
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
    /// Sets `b`.
    pub fn with_b(
        mut self,
        b: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.b = ::std::option::Option::Some(b.into());
        self
    }
    /// Sets `c`.
    pub fn with_c(
        mut self,
        c: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.c = ::std::option::Option::Some(c.into());
        self
    }
}

impl<'de> ::serde::Deserialize<'de> for Thing {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        let mut object = crate::runtime::Object::read(deserializer)?;
        ::std::result::Result::Ok(Self {
            a: object.optional("a")?,
            b: object.optional("b")?,
            c: object.optional("c")?,
        })
    }
}
