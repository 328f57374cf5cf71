// src/types.rs
/// Used by:
/// - [`Client::get_thing`](crate::Client::get_thing): `200`
#[derive(Clone, Debug, PartialEq, ::serde::Serialize)]
#[non_exhaustive]
pub struct Thing {
    pub a: ::std::string::String,
    pub b: ::std::string::String,
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub c: ::std::option::Option<::std::string::String>,
}

impl Thing {
    /// With its required fields, the optional ones unset.
    pub fn new(
        a: impl ::std::convert::Into<::std::string::String>,
        b: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        Self {
            a: a.into(),
            b: b.into(),
            c: ::std::option::Option::None,
        }
    }
}

impl<'de> ::serde::Deserialize<'de> for Thing {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        let mut object = crate::runtime::Object::read(deserializer)?;
        ::std::result::Result::Ok(Self {
            a: object.required("a")?,
            b: object.required("b")?,
            c: object.optional("c")?,
        })
    }
}
