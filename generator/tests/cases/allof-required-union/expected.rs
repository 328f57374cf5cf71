// src/types.rs
/// Used by:
/// - [`Client::get_thing`](crate::Client::get_thing): `200`
#[derive(Clone, Debug, PartialEq, ::serde::Serialize)]
pub struct Thing {
    pub a: ::std::string::String,
    pub b: ::std::string::String,
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub c: ::std::option::Option<::std::string::String>,
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
